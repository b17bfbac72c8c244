#!/usr/bin/env bash
# Loads the image tarballs written by build-images.sh into the local Docker engine and
# checks that every expected image is present afterwards.
#
# Usage: .circleci/scripts/load-images.sh IMAGES_DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

handle_help "$0" "${1:-}"
[[ $# -eq 1 ]] || die "usage: $0 IMAGES_DIR"

for component in "${IMAGE_COMPONENTS[@]}"; do
  tarball="$1/$component.tar"
  [[ -f "$tarball" ]] || die "$tarball not found: did build-images persist it to the workspace?"
  docker load --input "$tarball"
  docker image inspect "$(image_ref "$component")" > /dev/null \
    || die "$tarball does not contain $(image_ref "$component")"
done
