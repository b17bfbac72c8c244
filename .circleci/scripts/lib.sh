#!/usr/bin/env bash
# Shared definitions for the CircleCI job scripts. Source it; do not run it.
#
# The three images the repository builds, as "<component> <Dockerfile> <local repository>".
# The local repository names are what build-images tags, what the e2e jobs deploy and what
# publish re-tags for Docker Hub (<namespace>/<local repository>).
# shellcheck disable=SC2034 # the arrays are used by the scripts that source this file
IMAGE_COMPONENTS=(app seed mongo)
declare -A IMAGE_DOCKERFILE=([app]=Dockerfile [seed]=Dockerfile.seed [mongo]=Dockerfile.mongo)
declare -A IMAGE_REPOSITORY=([app]=restaurant-api [seed]=restaurant-api-seed [mongo]=restaurant-api-mongo)

# Where the API image carries the application's CycloneDX SBOM: ./mvnw package writes it to
# target/classes/META-INF/sbom/, Spring Boot's repackaging moves it to the jar's own META-INF/sbom/
# (its Sbom-Location manifest entry), and the extracted jar keeps it there.
APP_SBOM_PATH=/app/META-INF/sbom/application.cdx.json
# Where build-images puts that SBOM inside its output directory, for the dependency scan.
SBOM_FILE=sbom/application.cdx.json

# The buildx builder of the jobs that build images: a docker-container builder (the docker
# driver cannot produce attestations), running the BuildKit image pinned in
# .circleci/tool-images/Dockerfile.
BUILDER_NAME="restaurant-api-ci"

# The file that pins the tool images the pipeline runs (see its header).
TOOL_IMAGES_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tool-images/Dockerfile"

# The commit every image built by a pipeline is built from: CIRCLE_SHA1, or HEAD outside CircleCI.
revision() {
  local sha="${CIRCLE_SHA1:-}"
  if [[ -z "$sha" ]]; then
    sha="$(git rev-parse HEAD)"
  fi
  printf '%s\n' "$sha"
}

# The short commit SHA every image built by a pipeline is tagged with.
short_sha() {
  local sha
  sha="$(revision)"
  printf '%s\n' "${sha:0:7}"
}

# Tag of the images inside the workspace tarballs (never "latest").
image_tag() {
  printf 'sha-%s\n' "$(short_sha)"
}

# Local reference of a component's image, e.g. restaurant-api:sha-0123abc.
image_ref() {
  printf '%s:%s\n' "${IMAGE_REPOSITORY[$1]}" "$(image_tag)"
}

# tool_image NAME — prints the pinned reference (image:tag@sha256:<digest>) of the tool image
# whose stage is named NAME in .circleci/tool-images/Dockerfile.
tool_image() {
  local ref
  [[ -f "$TOOL_IMAGES_FILE" ]] || die "$TOOL_IMAGES_FILE not found"
  ref="$(awk -v name="$1" 'toupper($1) == "FROM" && toupper($3) == "AS" && $4 == name { print $2 }' "$TOOL_IMAGES_FILE")"
  [[ -n "$ref" ]] || die "no tool image named '$1' in $TOOL_IMAGES_FILE"
  [[ "$ref" != *$'\n'* ]] || die "tool image '$1' is pinned more than once in $TOOL_IMAGES_FILE"
  [[ "$ref" =~ ^[^@[:space:]]+:[^@/[:space:]]+@sha256:[0-9a-f]{64}$ ]] \
    || die "tool image '$1' ($ref) is not pinned as image:tag@sha256:<digest>"
  printf '%s\n' "$ref"
}

# The SOURCE_DATE_EPOCH of the images: the commit time of revision(), unless SOURCE_DATE_EPOCH
# is set. BuildKit writes it as the `created` time of the image config and of its history, so
# two builds of the same commit from the same cache produce the same image config.
source_date_epoch() {
  local epoch="${SOURCE_DATE_EPOCH:-}"
  if [[ -z "$epoch" ]]; then
    epoch="$(git show -s --format=%ct "$(revision)")" || die "cannot read the commit time of $(revision)"
  fi
  [[ "$epoch" =~ ^[0-9]+$ ]] || die "SOURCE_DATE_EPOCH must be a Unix time in seconds (got '$epoch')"
  printf '%s\n' "$epoch"
}

# ensure_builder — creates the docker-container builder BUILDER_NAME, running the pinned
# BuildKit image, unless it exists.
ensure_builder() {
  local image
  image="$(tool_image buildkit)"
  if ! docker buildx inspect "$BUILDER_NAME" > /dev/null 2>&1; then
    docker buildx create --name "$BUILDER_NAME" --driver docker-container \
      --driver-opt "image=$image" > /dev/null
  fi
}

# build_image COMPONENT CACHE_DIR BUILDX_BUILD_ARGUMENT... — `docker buildx build` of one
# component with what every build of it shares, so that build-images.sh (the tested image) and
# publish.sh (the published one) build the same image: the Dockerfile, the commit as the
# GIT_COMMIT build argument and the org.opencontainers.image.revision label, SOURCE_DATE_EPOCH,
# and the BuildKit cache in CACHE_DIR/COMPONENT when there is one. The caller adds the outputs.
build_image() {
  local component="$1" cache="$2" dockerfile commit epoch
  shift 2
  dockerfile="${IMAGE_DOCKERFILE[$component]:-}"
  [[ -n "$dockerfile" ]] || die "unknown image component '$component'"
  [[ -f "$dockerfile" ]] || die "$dockerfile not found (run from the repository root)"
  commit="$(revision)"
  epoch="$(source_date_epoch)"
  local args=(
    --builder "$BUILDER_NAME"
    --file "$dockerfile"
    --build-arg "GIT_COMMIT=$commit"
    --build-arg "SOURCE_DATE_EPOCH=$epoch"
    --label "org.opencontainers.image.revision=$commit"
  )
  if [[ -f "$cache/$component/index.json" ]]; then
    args+=(--cache-from "type=local,src=$cache/$component")
  fi
  docker buildx build "${args[@]}" "$@" .
}

# app_service NAMESPACE — prints "<service> <port>" of the app release's HTTP Service in NAMESPACE (the port named
# "http", else the first).
app_service() {
  kubectl --namespace "$1" get services --selector "app.kubernetes.io/instance=app" --output json \
    | jq -r '[.items[] | {name: .metadata.name,
                           http: ([.spec.ports[] | select(.name == "http") | .port] | first),
                           first: .spec.ports[0].port}]
             | ((map(select(.http != null)) | first) // first)
             | select(. != null) | "\(.name) \(.http // .first)"'
}

# usage SCRIPT — prints the comment block at the top of SCRIPT (its documentation).
usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# Handles -h/--help for SCRIPT: prints its usage and exits.
handle_help() {
  case "${2:-}" in
    -h | --help) usage "$1"; exit 0 ;;
  esac
}

log() {
  printf '==> %s\n' "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# retry ATTEMPTS DELAY_SECONDS COMMAND... — runs COMMAND until it succeeds.
retry() {
  local attempts="$1" delay="$2" n=1
  shift 2
  until "$@"; do
    if ((n >= attempts)); then
      return 1
    fi
    n=$((n + 1))
    sleep "$delay"
  done
}
