#!/usr/bin/env bash
# Scans each image tarball written by build-images.sh with Trivy (pinned image) and fails
# when any image has a HIGH or CRITICAL vulnerability that has a fix available.
# For every image it writes REPORTS_DIR/<component>.json (full report, all severities) and
# REPORTS_DIR/<component>.txt (the table of the blocking findings, or the scanner's error).
# The vulnerability databases are downloaded once, then every image is scanned, whatever an
# earlier one found or however its scan failed, so one run shows every finding; the job then
# fails naming the images with findings and those whose scan did not complete.
#
# Usage: .circleci/scripts/scan.sh IMAGES_DIR REPORTS_DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

# Pinned scanner: tag and multi-platform index digest, never a floating tag.
# 0.69.4 was a compromised release (some reports also list 0.69.5 and 0.69.6); never use them.
TRIVY_IMAGE="${TRIVY_IMAGE:-aquasec/trivy:0.69.3@sha256:bcc376de8d77cfe086a917230e818dc9f8528e3c852f7b1aff648949b6258d1c}"
# Trivy's exit status when the gate finds something; any other non-zero status is an error.
FINDINGS_EXIT=3

handle_help "$0" "${1:-}"
[[ $# -eq 2 ]] || die "usage: $0 IMAGES_DIR REPORTS_DIR"
[[ -d "$1" ]] || die "$1 is not a directory (did build-images persist the images?)"

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

log "downloading the vulnerability databases with $TRIVY_IMAGE"
trivy image --download-db-only || die "Trivy could not download its vulnerability database"
trivy image --download-java-db-only || die "Trivy could not download its Java vulnerability database"

vulnerable=()
errored=()
for component in "${IMAGE_COMPONENTS[@]}"; do
  log "scanning $(image_ref "$component")"
  if [[ ! -f "$images/$component.tar" ]]; then
    printf 'scan not run: %s/%s.tar is missing\n' "$images" "$component" > "$reports/$component.txt"
    errored+=("$component")
    continue
  fi
  # Full report for the record.
  if ! trivy image --input "/images/$component.tar" --scanners vuln --skip-db-update \
    --skip-java-db-update --format json --output "/reports/$component.json" --exit-code 0; then
    errored+=("$component")
  fi
  # The gate: fixable HIGH/CRITICAL findings fail the job.
  status=0
  trivy image --input "/images/$component.tar" --scanners vuln --skip-db-update \
    --skip-java-db-update --severity HIGH,CRITICAL --ignore-unfixed --exit-code "$FINDINGS_EXIT" \
    --format table --output "/reports/$component.txt" || status=$?
  case "$status" in
    0) ;;
    "$FINDINGS_EXIT") vulnerable+=("$component") ;;
    *)
      [[ -s "$reports/$component.txt" ]] \
        || printf 'scan failed: trivy exited with status %s\n' "$status" > "$reports/$component.txt"
      [[ " ${errored[*]} " == *" $component "* ]] || errored+=("$component")
      ;;
  esac
  cat "$reports/$component.txt"
done

if ((${#vulnerable[@]} + ${#errored[@]} > 0)); then
  ((${#vulnerable[@]} == 0)) || log "fixable HIGH/CRITICAL vulnerabilities in: ${vulnerable[*]}"
  ((${#errored[@]} == 0)) || log "scan did not complete for: ${errored[*]}"
  die "image scan failed (reports in $reports)"
fi
log "no fixable HIGH/CRITICAL vulnerabilities"
