#!/usr/bin/env bash
# Scans each image tarball written by build-images.sh with Trivy (pinned image) and fails
# when any image has a HIGH or CRITICAL vulnerability that has a fix available.
# For every image it writes REPORTS_DIR/<component>.json (full report, all severities) and
# REPORTS_DIR/<component>.txt (the table of the blocking findings). All images are scanned
# before the script fails, so one run shows every finding.
#
# Usage: .circleci/scripts/scan.sh IMAGES_DIR REPORTS_DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

# Pinned scanner (never a floating tag). 0.69.4 was a compromised release; do not use it.
TRIVY_IMAGE="${TRIVY_IMAGE:-aquasec/trivy:0.69.3}"

handle_help "$0" "${1:-}"
[[ $# -eq 2 ]] || die "usage: $0 IMAGES_DIR REPORTS_DIR"

images="$(cd "$1" && pwd)"
mkdir -p "$2"
reports="$(cd "$2" && pwd)"
cache="${TRIVY_CACHE_DIR:-$HOME/.cache/trivy}"
mkdir -p "$cache"

trivy() {
  docker run --rm \
    --volume "$images:/images:ro" \
    --volume "$reports:/reports" \
    --volume "$cache:/root/.cache/trivy" \
    "$TRIVY_IMAGE" "$@"
}

failed=()
for component in "${IMAGE_COMPONENTS[@]}"; do
  log "scanning $(image_ref "$component")"
  # Full report for the record (downloads the vulnerability databases once).
  trivy image --input "/images/$component.tar" --scanners vuln \
    --format json --output "/reports/$component.json" --exit-code 0
  # The gate: fixable HIGH/CRITICAL findings fail the job.
  if ! trivy image --input "/images/$component.tar" --scanners vuln --skip-db-update \
    --skip-java-db-update --severity HIGH,CRITICAL --ignore-unfixed --exit-code 1 \
    --format table --output "/reports/$component.txt"; then
    failed+=("$component")
  fi
  cat "$reports/$component.txt"
done

if ((${#failed[@]} > 0)); then
  die "fixable HIGH/CRITICAL vulnerabilities in: ${failed[*]} (see the stored reports)"
fi
log "no fixable HIGH/CRITICAL vulnerabilities"
