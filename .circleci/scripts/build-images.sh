#!/usr/bin/env bash
# Builds the three images (app, seed, mongo) once with BuildKit and writes each one as a
# `docker save` tarball, so later jobs load exactly the images that were built here.
# BuildKit's layer cache is exported to CACHE_DIR, which the pipeline keeps between runs.
# Each image gets the commit it is built from twice: as the build argument GIT_COMMIT (the
# Dockerfiles declare `ARG GIT_COMMIT`, so the app's /actuator/info serves it) and as the
# org.opencontainers.image.revision label. The commit is CIRCLE_SHA1, or HEAD outside CircleCI.
#
# Usage: .circleci/scripts/build-images.sh OUT_DIR [CACHE_DIR]
#   OUT_DIR receives app.tar, seed.tar, mongo.tar and images.txt ("<component> <image>").
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

handle_help "$0" "${1:-}"
[[ $# -ge 1 ]] || die "usage: $0 OUT_DIR [CACHE_DIR]"

out="$1"
cache="${2:-$HOME/.cache/buildx}"
mkdir -p "$out" "$cache"

builder="restaurant-api-ci"
if ! docker buildx inspect "$builder" > /dev/null 2>&1; then
  docker buildx create --name "$builder" --driver docker-container > /dev/null
fi

revision="${CIRCLE_SHA1:-$(git rev-parse HEAD)}"
: > "$out/images.txt"
for component in "${IMAGE_COMPONENTS[@]}"; do
  dockerfile="${IMAGE_DOCKERFILE[$component]}"
  ref="$(image_ref "$component")"
  [[ -f "$dockerfile" ]] || die "$dockerfile not found (run from the repository root)"

  cache_args=(--cache-to "type=local,dest=$cache/$component.new,mode=max")
  if [[ -f "$cache/$component/index.json" ]]; then
    cache_args+=(--cache-from "type=local,src=$cache/$component")
  fi

  log "building $ref from $dockerfile"
  docker buildx build \
    --builder "$builder" \
    --file "$dockerfile" \
    --tag "$ref" \
    --build-arg "GIT_COMMIT=$revision" \
    --label "org.opencontainers.image.revision=$revision" \
    --provenance=false \
    --load \
    "${cache_args[@]}" \
    .

  # Replace the cache instead of appending to it, so it does not grow without bound.
  rm -rf "${cache:?}/$component"
  mv "$cache/$component.new" "$cache/$component"

  docker save --output "$out/$component.tar" "$ref"
  printf '%s %s\n' "$component" "$ref" >> "$out/images.txt"
done

log "images written to $out"
cat "$out/images.txt"
