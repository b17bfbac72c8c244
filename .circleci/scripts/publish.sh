#!/usr/bin/env bash
# Pushes the three images built by the pipeline to Docker Hub.
#   - always:               <namespace>/<image>:<short commit SHA>
#   - on a vX.Y.Z git tag:  <namespace>/<image>:X.Y.Z
#   - on the main branch:   <namespace>/<image>:latest
# Credentials come from the environment (a CircleCI context): DOCKERHUB_USERNAME and
# DOCKERHUB_TOKEN (an access token, never a password). DOCKERHUB_NAMESPACE defaults to
# DOCKERHUB_USERNAME. Refuses to run for any other branch or tag.
#
# Usage: .circleci/scripts/publish.sh [--dry-run]   (--dry-run prints the pushes only)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

dry_run=false
case "${1:-}" in
  "") ;;
  --dry-run) dry_run=true ;;
  -h | --help) usage "$0"; exit 0 ;;
  *) die "usage: $0 [--dry-run]" ;;
esac

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

run() {
  if "$dry_run"; then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

if ! "$dry_run"; then
  : "${DOCKERHUB_TOKEN:?DOCKERHUB_TOKEN must come from the CircleCI context}"
  printf '%s' "$DOCKERHUB_TOKEN" | docker login --username "$DOCKERHUB_USERNAME" --password-stdin
  trap 'docker logout > /dev/null 2>&1 || true' EXIT
fi

for component in "${IMAGE_COMPONENTS[@]}"; do
  source_ref="$(image_ref "$component")"
  for tag in "${tags[@]}"; do
    target="$namespace/${IMAGE_REPOSITORY[$component]}:$tag"
    run docker tag "$source_ref" "$target"
    run docker push "$target"
  done
done
log "published tags: ${tags[*]}"
