#!/usr/bin/env bash
# Publishes the three images built by the pipeline to Docker Hub, with SBOM and provenance
# attestations and a cosign signature, under these tags:
#   - always:               <namespace>/<image>:<short commit SHA>
#   - on a vX.Y.Z git tag:  <namespace>/<image>:X.Y.Z
#   - on the main branch:   <namespace>/<image>:latest
# For each image (docs/supply-chain.md explains why it is done this way):
#   1. rebuild it with buildx from the BuildKit cache build-images.sh saved for this commit,
#      with --sbom (pinned generator) and --provenance=mode=max, and push it by digest only, no
#      tag yet. Attestations survive only a build pushed straight to the registry: an image
#      `--load`ed into Docker's classic image store and pushed from there has lost them;
#   2. read the pushed index back: it must hold one image manifest whose image config digest is
#      the one build-images.sh recorded for the tested image (IMAGES_DIR/images.txt), and an
#      attestation manifest for that image with an SPDX SBOM and a SLSA provenance;
#   3. sign the index digest with cosign, keyless, and verify the signature (sign.sh);
#   4. only then point the tags at that digest (`docker buildx imagetools create`, which copies
#      an index unchanged), and check that each tag resolves to it.
# No tag moves unless steps 1 to 3 succeeded for all three images. "<component> <repository>
# <digest>" is written to PUBLISHED_FILE for every published image.
# Credentials come from the environment (CircleCI contexts): DOCKERHUB_USERNAME and
# DOCKERHUB_TOKEN (an access token, never a password), DOCKERHUB_NAMESPACE (defaults to
# DOCKERHUB_USERNAME), and the CIRCLECI_* IDs sign.sh expects. Refuses to run for any other
# branch or tag.
#
# Usage: .circleci/scripts/publish.sh [--dry-run] IMAGES_DIR CACHE_DIR PUBLISHED_FILE
#   --dry-run  check the inputs, then print the builds and tags without logging in, pushing or
#              signing
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

dry_run=false
case "${1:-}" in
  -h | --help) usage "$0"; exit 0 ;;
  --dry-run) dry_run=true; shift ;;
esac
[[ $# -eq 3 ]] || die "usage: $0 [--dry-run] IMAGES_DIR CACHE_DIR PUBLISHED_FILE"
images="$1"
cache="$2"
published="$3"

: "${DOCKERHUB_USERNAME:?DOCKERHUB_USERNAME must come from the CircleCI context}"
namespace="${DOCKERHUB_NAMESPACE:-$DOCKERHUB_USERNAME}"
branch="${CIRCLE_BRANCH:-}"
git_tag="${CIRCLE_TAG:-}"

tags=("$(short_sha)")
if [[ -n "$git_tag" ]]; then
  [[ "$git_tag" =~ ^v([0-9]+\.[0-9]+\.[0-9]+)$ ]] || die "tag $git_tag is not a vX.Y.Z release tag"
  tags+=("${BASH_REMATCH[1]}")
elif [[ "$branch" == "main" ]]; then
  tags+=(latest)
else
  die "images are published only from main or from vX.Y.Z tags (branch '${branch}')"
fi

# The tested images: build-images.sh wrote "<component> <image> <image config digest>".
[[ -f "$images/images.txt" ]] || die "$images/images.txt not found: did build-images persist it to the workspace?"
declare -A tested_config=()
for component in "${IMAGE_COMPONENTS[@]}"; do
  config="$(awk -v c="$component" '$1 == c { print $3 }' "$images/images.txt")"
  [[ "$config" =~ ^sha256:[0-9a-f]{64}$ ]] \
    || die "$images/images.txt gives no image config digest for $component"
  tested_config[$component]="$config"
  [[ -f "$cache/$component/index.json" ]] \
    || die "no BuildKit cache for $component in $cache: publish rebuilds each image from the cache build-images saved for this commit"
done

sbom_generator="$(tool_image sbom-generator)"

if "$dry_run"; then
  # Print every docker command instead of running it.
  docker() { printf '+ docker %s\n' "$*"; }
else
  : "${DOCKERHUB_TOKEN:?DOCKERHUB_TOKEN must come from the CircleCI context}"
  printf '%s' "$DOCKERHUB_TOKEN" | docker login --username "$DOCKERHUB_USERNAME" --password-stdin
  trap 'docker logout > /dev/null 2>&1 || true' EXIT
fi

raw() {
  docker buildx imagetools inspect --raw "$1"
}

# check_pushed REPOSITORY DIGEST EXPECTED_CONFIG — step 2 above.
check_pushed() {
  local repository="$1" digest="$2" expected="$3" index image attestation types config
  index="$(raw "$repository@$digest")" || die "cannot read $repository@$digest back from the registry"
  image="$(jq -r '[.manifests[]? | select(.annotations["vnd.docker.reference.type"] != "attestation-manifest")]
    | if length == 1 then .[0].digest else empty end' <<< "$index")"
  [[ -n "$image" ]] || die "$repository@$digest is not an image index holding exactly one image manifest"
  attestation="$(jq -r --arg image "$image" '[.manifests[]
    | select(.annotations["vnd.docker.reference.type"] == "attestation-manifest"
             and .annotations["vnd.docker.reference.digest"] == $image)]
    | if length == 1 then .[0].digest else empty end' <<< "$index")"
  [[ -n "$attestation" ]] || die "$repository@$digest has no attestation manifest for its image $image"
  types="$(raw "$repository@$attestation" | jq -r '.layers[]?.annotations["in-toto.io/predicate-type"] // empty')" \
    || die "cannot read the attestation manifest $repository@$attestation"
  grep -qx 'https://spdx.dev/Document' <<< "$types" \
    || die "$repository@$digest carries no SPDX SBOM attestation (predicate types: ${types//$'\n'/ })"
  grep -q '^https://slsa.dev/provenance/' <<< "$types" \
    || die "$repository@$digest carries no SLSA provenance attestation (predicate types: ${types//$'\n'/ })"
  config="$(raw "$repository@$image" | jq -r '.config.digest // empty')" \
    || die "cannot read the image manifest $repository@$image"
  [[ "$config" == "$expected" ]] \
    || die "$repository@$digest is not the tested image: its image config is ${config:-unknown}, the tested one $expected (was the BuildKit cache of this commit restored?). Nothing is tagged or signed."
}

mkdir -p "$(dirname "$published")"
: > "$published"
metadata="$(mktemp -d)"
trap 'rm -rf "$metadata"; docker logout > /dev/null 2>&1 || true' EXIT
ensure_builder

# Steps 1 to 3 for every image before any tag moves: a failure leaves every tag where it was.
declare -A pushed=()
for component in "${IMAGE_COMPONENTS[@]}"; do
  repository="docker.io/$namespace/${IMAGE_REPOSITORY[$component]}"

  log "building and pushing $repository by digest, with SBOM and provenance attestations"
  build_image "$component" "$cache" \
    --sbom="generator=$sbom_generator" \
    --provenance=mode=max \
    --output "type=image,name=$repository,push-by-digest=true,name-canonical=true,push=true" \
    --metadata-file "$metadata/$component.json"
  if "$dry_run"; then
    printf '+ check the attestations and the image config (%s), then sign.sh %s@<pushed digest>\n' \
      "${tested_config[$component]}" "$repository"
    continue
  fi
  digest="$(jq -r '."containerimage.digest" // empty' "$metadata/$component.json")"
  [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || die "buildx reported no pushed digest for $repository"

  check_pushed "$repository" "$digest" "${tested_config[$component]}"
  log "$repository@$digest is the tested image and carries its SBOM and provenance"

  "$HERE/sign.sh" "$repository@$digest"
  pushed[$component]="$digest"
done

# Step 4.
for component in "${IMAGE_COMPONENTS[@]}"; do
  repository="docker.io/$namespace/${IMAGE_REPOSITORY[$component]}"
  if "$dry_run"; then
    for tag in "${tags[@]}"; do
      printf '+ docker buildx imagetools create --tag %s %s@<pushed digest>\n' "$repository:$tag" "$repository"
    done
    continue
  fi
  digest="${pushed[$component]}"
  for tag in "${tags[@]}"; do
    docker buildx imagetools create --tag "$repository:$tag" "$repository@$digest"
    resolved="$(docker buildx imagetools inspect --format '{{json .Manifest}}' "$repository:$tag" | jq -r '.digest // empty')" \
      || die "cannot read $repository:$tag back from the registry"
    [[ "$resolved" == "$digest" ]] || die "$repository:$tag resolves to ${resolved:-nothing}, not to the signed $digest"
  done
  printf '%s %s %s\n' "$component" "$repository" "$digest" >> "$published"
done
if ! "$dry_run"; then
  log "published, signed and tagged ${tags[*]}:"
  cat "$published"
fi
