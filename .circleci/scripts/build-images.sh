#!/usr/bin/env bash
# Builds the three images (app, seed, mongo) once with BuildKit and writes each one as a
# `docker save` tarball, so later jobs load exactly the images that were built here.
# BuildKit's layer cache is exported to CACHE_DIR, which the pipeline keeps between runs and
# from which publish.sh rebuilds the same images with their attestations.
# Each image gets the commit it is built from twice: as the build argument GIT_COMMIT (the
# Dockerfiles declare `ARG GIT_COMMIT`, so the app's /actuator/info serves it) and as the
# org.opencontainers.image.revision label. The commit is CIRCLE_SHA1, or HEAD outside CircleCI.
# SOURCE_DATE_EPOCH is the commit time (or the SOURCE_DATE_EPOCH environment value), so the
# image config does not depend on when it was built.
# These images carry no attestations: an image loaded into Docker's classic image store cannot
# keep them (docs/supply-chain.md); publish.sh adds them when it pushes.
#
# Usage: .circleci/scripts/build-images.sh OUT_DIR [CACHE_DIR]
#   OUT_DIR receives app.tar, seed.tar, mongo.tar, images.txt ("<component> <image> <image
#   config digest>") and sbom/application.cdx.json, the application's CycloneDX SBOM copied
#   out of the app image for the dependency scan.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

handle_help "$0" "${1:-}"
[[ $# -ge 1 ]] || die "usage: $0 OUT_DIR [CACHE_DIR]"

out="$1"
cache="${2:-$HOME/.cache/buildx}"
mkdir -p "$out" "$cache"
metadata="$(mktemp -d)"
trap 'rm -rf "$metadata"' EXIT

ensure_builder

: > "$out/images.txt"
for component in "${IMAGE_COMPONENTS[@]}"; do
  ref="$(image_ref "$component")"

  log "building $ref from ${IMAGE_DOCKERFILE[$component]}"
  build_image "$component" "$cache" \
    --tag "$ref" \
    --provenance=false \
    --sbom=false \
    --load \
    --cache-to "type=local,dest=$cache/$component.new,mode=max" \
    --metadata-file "$metadata/$component.json"

  # Replace the cache instead of appending to it, so it does not grow without bound.
  rm -rf "${cache:?}/$component"
  mv "$cache/$component.new" "$cache/$component"

  # The digest of the image config identifies the image whatever its manifest and image store:
  # publish.sh publishes an image only if its config digest is this one.
  config="$(jq -r '."containerimage.config.digest" // empty' "$metadata/$component.json")"
  [[ "$config" =~ ^sha256:[0-9a-f]{64}$ ]] \
    || die "buildx reported no image config digest for $ref (containerimage.config.digest)"

  docker save --output "$out/$component.tar" "$ref"
  printf '%s %s %s\n' "$component" "$ref" "$config" >> "$out/images.txt"
done

# The SBOM the application ships with, taken from the image rather than from a Maven build of
# the test job: what the dependency scan reads is what the image (and its actuator) serves.
log "copying $APP_SBOM_PATH out of $(image_ref app)"
mkdir -p "$(dirname "$out/$SBOM_FILE")"
container="$(docker create "$(image_ref app)")"
if ! docker cp "$container:$APP_SBOM_PATH" "$out/$SBOM_FILE"; then
  docker rm "$container" > /dev/null || true
  die "$(image_ref app) has no $APP_SBOM_PATH: ./mvnw package must write the CycloneDX SBOM (target/classes/META-INF/sbom/application.cdx.json)"
fi
docker rm "$container" > /dev/null
jq -e '.bomFormat == "CycloneDX"' "$out/$SBOM_FILE" > /dev/null \
  || die "$APP_SBOM_PATH in $(image_ref app) is not a CycloneDX JSON document"

log "images written to $out"
cat "$out/images.txt"
