#!/usr/bin/env bash
# Scans with Trivy (the pinned image of .circleci/tool-images/Dockerfile), under one written
# policy: a HIGH or CRITICAL vulnerability that has a fix available fails the job.
#   - each image tarball written by build-images.sh (`trivy image --input`);
#   - the application's dependencies: the CycloneDX SBOM that build-images.sh copied out of the
#     app image into IMAGES_DIR/sbom/application.cdx.json (`trivy sbom`), reported as
#     "dependencies".
# For every target it writes REPORTS_DIR/<target>.json (full report, all severities) and
# REPORTS_DIR/<target>.txt (the table of the blocking findings, or the scanner's error).
# The vulnerability databases are downloaded once, then every target is scanned, whatever an
# earlier one found or however its scan failed, so one run shows every finding; the job then
# fails naming the targets with findings and those whose scan did not complete.
#
# Usage: .circleci/scripts/scan.sh IMAGES_DIR REPORTS_DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

# Pinned scanner: tag and multi-platform index digest, never a floating tag.
# 0.69.4 was a compromised release (some reports also list 0.69.5 and 0.69.6); never use them.
TRIVY_IMAGE="${TRIVY_IMAGE:-$(tool_image trivy)}"
# Trivy's exit status when the gate finds something; any other non-zero status is an error.
FINDINGS_EXIT=3
# The written policy, the same for the images and for the dependencies: fixable HIGH and
# CRITICAL vulnerabilities fail.
POLICY=(--severity "HIGH,CRITICAL" --ignore-unfixed --exit-code "$FINDINGS_EXIT")

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

vulnerable=()
errored=()

# scan NAME FILE TRIVY_SUBCOMMAND TARGET... — the full report, then the policy gate, of one
# target; FILE is the target's path under IMAGES_DIR.
scan() {
  local name="$1" file="$2" status=0
  shift 2
  log "scanning $name ($file)"
  if [[ ! -f "$images/$file" ]]; then
    printf 'scan not run: %s/%s is missing\n' "$images" "$file" > "$reports/$name.txt"
    errored+=("$name")
    cat "$reports/$name.txt"
    return
  fi
  # Full report for the record.
  if ! trivy "$@" --scanners vuln --skip-db-update --skip-java-db-update \
    --format json --output "/reports/$name.json" --exit-code 0; then
    errored+=("$name")
  fi
  # The gate.
  trivy "$@" --scanners vuln --skip-db-update --skip-java-db-update "${POLICY[@]}" \
    --format table --output "/reports/$name.txt" || status=$?
  case "$status" in
    0) ;;
    "$FINDINGS_EXIT") vulnerable+=("$name") ;;
    *)
      [[ -s "$reports/$name.txt" ]] \
        || printf 'scan failed: trivy exited with status %s\n' "$status" > "$reports/$name.txt"
      [[ " ${errored[*]} " == *" $name "* ]] || errored+=("$name")
      ;;
  esac
  cat "$reports/$name.txt"
}

log "downloading the vulnerability databases with $TRIVY_IMAGE"
trivy image --download-db-only || die "Trivy could not download its vulnerability database"
trivy image --download-java-db-only || die "Trivy could not download its Java vulnerability database"

for component in "${IMAGE_COMPONENTS[@]}"; do
  scan "$component" "$component.tar" image --input "/images/$component.tar"
done
scan dependencies "$SBOM_FILE" sbom "/images/$SBOM_FILE"

if ((${#vulnerable[@]} + ${#errored[@]} > 0)); then
  ((${#vulnerable[@]} == 0)) || log "fixable HIGH/CRITICAL vulnerabilities in: ${vulnerable[*]}"
  ((${#errored[@]} == 0)) || log "scan did not complete for: ${errored[*]}"
  die "vulnerability scan failed (reports in $reports)"
fi
log "no fixable HIGH/CRITICAL vulnerabilities in the images or the dependencies"
