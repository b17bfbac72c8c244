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

# The short commit SHA every image built by a pipeline is tagged with.
short_sha() {
  local sha="${CIRCLE_SHA1:-}"
  if [[ -z "$sha" ]]; then
    sha="$(git rev-parse HEAD)"
  fi
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
