#!/usr/bin/env bash
# Signs container images with cosign, keyless, as this CircleCI project's pipeline, and
# verifies each signature right after writing it.
#   - Only digest references (REPOSITORY@sha256:<64 hex digits>) are accepted: a signature
#     covers one immutable manifest, while a tag can be moved between signing and verifying.
#   - The identity token is minted in the job with `circleci run oidc get` for the audience
#     "sigstore", the audience Fulcio requires (CircleCI's own $CIRCLE_OIDC_TOKEN has the
#     organization ID as its audience). It reaches cosign in SIGSTORE_ID_TOKEN, never on a
#     command line, and is never printed. Before anything is signed, its claims must name the
#     organization, project and pipeline definition configured below: the certificate Fulcio
#     issues then has the identity users are told to verify (docs/supply-chain.md).
#   - cosign v3: `cosign sign --yes` writes a Sigstore bundle (Fulcio certificate, Rekor
#     transparency log entry) and attaches it to the image in the registry; then `cosign verify`
#     with the exact --certificate-identity and --certificate-oidc-issuer must accept it.
# Environment (CircleCI context "image-signing"; the UUIDs are shown in the CircleCI web app):
#   CIRCLECI_ORG_ID                  organization ID (Organization Settings > Overview)
#   CIRCLECI_PROJECT_ID              project ID (Project Settings > Overview)
#   CIRCLECI_PIPELINE_DEFINITION_ID  ID of the pipeline definition that publishes
#                                    (Project Settings > Project Setup)
# The registry credentials are Docker's (publish.sh runs `docker login` first).
#
# Usage: .circleci/scripts/sign.sh IMAGE@sha256:DIGEST...
#        .circleci/scripts/sign.sh --print-identity   (prints the certificate identity and
#                                                       issuer a verifier must expect)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

# The audience Fulcio accepts (its client-id for every configured issuer).
AUDIENCE=sigstore
UUID='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

handle_help "$0" "${1:-}"
[[ $# -ge 1 ]] || die "usage: $0 IMAGE@sha256:DIGEST... | --print-identity"

for variable in CIRCLECI_ORG_ID CIRCLECI_PROJECT_ID CIRCLECI_PIPELINE_DEFINITION_ID; do
  [[ -n "${!variable:-}" ]] || die "$variable must come from the CircleCI context (see $0 --help)"
  [[ "${!variable}" =~ $UUID ]] || die "$variable must be a lowercase UUID (got '${!variable}')"
done
# What Fulcio writes into a certificate for a CircleCI token (its ci-provider template for
# the issuers https://oidc.circleci.com/org/*): the issuer is the token's `iss`, the identity
# (subject alternative name) the pipeline definition's API URL.
issuer="https://oidc.circleci.com/org/$CIRCLECI_ORG_ID"
identity="https://circleci.com/api/v2/projects/$CIRCLECI_PROJECT_ID/pipeline-definitions/$CIRCLECI_PIPELINE_DEFINITION_ID"

if [[ "$1" == --print-identity ]]; then
  printf 'certificate-identity: %s\ncertificate-oidc-issuer: %s\n' "$identity" "$issuer"
  exit 0
fi

for ref in "$@"; do
  [[ "$ref" =~ ^[^@[:space:]]+@sha256:[0-9a-f]{64}$ ]] \
    || die "refusing to sign '$ref': sign a digest reference (IMAGE@sha256:<digest>), never a tag"
done
command -v cosign > /dev/null || die "cosign is not installed (.circleci/scripts/install-tools.sh cosign)"
command -v circleci > /dev/null \
  || die "the circleci command is missing: the identity token comes from \`circleci run oidc get\`, which only works inside a CircleCI job"

# jwt_claims TOKEN — prints the JSON claims (payload) of a JSON Web Token.
jwt_claims() {
  local payload
  payload="$(cut -d. -f2 <<< "$1" | tr '_-' '/+')"
  case $((${#payload} % 4)) in
    2) payload+="==" ;;
    3) payload+="=" ;;
    1) return 1 ;;
  esac
  base64 -d <<< "$payload" 2> /dev/null
}

token="$(circleci run oidc get --claims "{\"aud\":\"$AUDIENCE\"}")" \
  || die "could not mint an OIDC token with \`circleci run oidc get\` (does the job use a context?)"
[[ "$token" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || die "circleci run oidc get did not return a JSON Web Token"
claims="$(jwt_claims "$token")" || die "the OIDC token's claims cannot be decoded"
mismatch="$(jq -r --arg iss "$issuer" --arg aud "$AUDIENCE" --arg project "$CIRCLECI_PROJECT_ID" \
  --arg definition "$CIRCLECI_PIPELINE_DEFINITION_ID" '
    [ (if .iss != $iss then "iss is \(.iss), expected \($iss)" else empty end),
      (if [.aud] | flatten | any(.[]; . == $aud) | not then "aud is \(.aud), expected \($aud)" else empty end),
      (if .["oidc.circleci.com/project-id"] != $project
        then "oidc.circleci.com/project-id is \(.["oidc.circleci.com/project-id"]), expected \($project)" else empty end),
      (if .["oidc.circleci.com/pipeline-definition-id"] != $definition
        then "oidc.circleci.com/pipeline-definition-id is \(.["oidc.circleci.com/pipeline-definition-id"]), expected \($definition)" else empty end)
    ] | join("; ")' <<< "$claims")" || die "the OIDC token's claims are not JSON"
[[ -z "$mismatch" ]] || die "the OIDC token does not carry the configured identity, so nothing is signed: $mismatch"

for ref in "$@"; do
  log "signing $ref as $identity"
  SIGSTORE_ID_TOKEN="$token" cosign sign --yes "$ref"
  log "verifying the signature of $ref"
  if ! cosign verify --certificate-identity "$identity" --certificate-oidc-issuer "$issuer" "$ref" > /dev/null; then
    die "cosign verify does not accept the signature just written for $ref"
  fi
  log "verified: $ref is signed by $identity ($issuer)"
done
