#!/usr/bin/env bash
# Smoke-tests a running restaurant API through its public endpoints:
#   - GET /api/v1/restaurant returns a JSON array of EXPECTED_COUNT restaurants (default 2548);
#   - GET /api/v1/restaurant/{id} returns the known restaurant "Bayleaf";
#   - a malformed id answers 400 and a well-formed but absent id answers 404.
# It first waits (up to WAIT_SECONDS, default 120) for the API to answer.
#
# Usage: .circleci/scripts/smoke-test.sh BASE_URL     e.g. http://localhost:8080
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

handle_help "$0" "${1:-}"
[[ $# -eq 1 ]] || die "usage: $0 BASE_URL"

base="${1%/}"
api="$base/api/v1/restaurant"
expected_count="${EXPECTED_COUNT:-2548}"
wait_seconds="${WAIT_SECONDS:-120}"
known_id="55f14313c7447c3da705224b"
known_name="Bayleaf"
malformed_id="not-an-object-id"
absent_id="000000000000000000000000"

body="$(mktemp)"
trap 'rm -f "$body"' EXIT
failures=0

# status URL — prints the HTTP status code, leaves the response body in $body.
status() {
  curl --silent --show-error --max-time 30 --output "$body" --write-out '%{http_code}' "$1"
}

check() {
  local description="$1"
  shift
  if "$@"; then
    printf 'ok   %s\n' "$description"
  else
    printf 'FAIL %s\n' "$description"
    failures=$((failures + 1))
  fi
}

log "waiting up to ${wait_seconds}s for $api/$known_id"
retry "$((wait_seconds / 2))" 2 curl --silent --fail --max-time 5 --output /dev/null "$api/$known_id" \
  || die "the API at $base did not answer within ${wait_seconds}s"

code="$(status "$api")"
check "GET /api/v1/restaurant answers 200 (got $code)" test "$code" = 200
count="$(jq 'if type == "array" then length else -1 end' "$body" 2> /dev/null || echo -1)"
check "GET /api/v1/restaurant lists $expected_count restaurants (got $count)" test "$count" = "$expected_count"

code="$(status "$api/$known_id")"
check "GET /api/v1/restaurant/$known_id answers 200 (got $code)" test "$code" = 200
name="$(jq -r '.name // empty' "$body" 2> /dev/null || true)"
check "restaurant $known_id is \"$known_name\" (got \"$name\")" test "$name" = "$known_name"

code="$(status "$api/$malformed_id")"
check "GET /api/v1/restaurant/$malformed_id answers 400 (got $code)" test "$code" = 400

code="$(status "$api/$absent_id")"
check "GET /api/v1/restaurant/$absent_id answers 404 (got $code)" test "$code" = 404

if ((failures > 0)); then
  die "$failures smoke check(s) failed against $base"
fi
log "all smoke checks passed against $base"
