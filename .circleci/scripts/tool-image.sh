#!/usr/bin/env bash
# Prints the pinned reference (image:tag@sha256:<index digest>) of a tool image the pipeline
# runs, read from .circleci/tool-images/Dockerfile, the one file that pins them (and that
# Dependabot updates). Fails when NAME is not a stage of that file or is not pinned by digest.
#
# Usage: .circleci/scripts/tool-image.sh NAME      e.g. hadolint, shellcheck, trivy, buildkit
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

handle_help "$0" "${1:-}"
[[ $# -eq 1 ]] || die "usage: $0 NAME"
tool_image "$1"
