#!/usr/bin/env bash
# Behaviour tests of the CircleCI job scripts, run offline against stand-in `docker`, `curl`,
# `sudo`, `helm` and `python3` commands that record how they were called:
#   - build-images.sh passes --build-arg GIT_COMMIT=<commit> and keeps the revision label;
#   - scan.sh writes a report for every image even when one image's scan fails, and fails
#     naming both the image with findings and the image whose scan failed;
#   - install-tools.sh refuses a tampered download even when the server's checksum file was
#     replaced too, never installs helm-diff from a URL, and installs yamllint only with
#     pip --require-hashes from the hash-pinned requirements file.
# Prints "N passed, N failed" and exits non-zero when a test fails.
#
# Usage: .circleci/tests/scripts.test.sh [--help]
set -euo pipefail

case "${1:-}" in
  "") ;;
  -h | --help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
  *) printf 'usage: %s [--help]\n' "$0" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SCRIPTS="$ROOT/.circleci/scripts"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
COMMIT="0123456789abcdef0123456789abcdef01234567"

passed=0
failed=0
pass() { printf 'ok   %s\n' "$1"; passed=$((passed + 1)); }
fail() { printf 'FAIL %s\n' "$1"; failed=$((failed + 1)); }
# expect DESCRIPTION COMMAND... — one assertion.
expect() {
  local description="$1"
  shift
  if "$@"; then pass "$description"; else fail "$description"; fi
}

# lacks PATTERN FILE — true when no line of FILE matches the extended regular expression.
lacks() { ! grep -Eq -- "$1" "$2"; }

# A directory of stand-in commands, put first on PATH by each test.
STUBS="$TMP/bin"
mkdir -p "$STUBS"

cat > "$STUBS/docker" <<'STUB'
#!/usr/bin/env bash
# Stand-in docker: records every call; emulates `buildx`, `save` and a Trivy container.
set -euo pipefail
printf '%s\n' "$*" >> "$STUB_LOG"
contains() { [[ " $1 " == *" $2 "* ]]; }
case "$1" in
  buildx)
    case "$2" in
      inspect) exit 1 ;;
      create) exit 0 ;;
      build)
        for arg in "$@"; do
          if [[ "$arg" =~ ^type=local,dest=([^,]+) ]]; then
            mkdir -p "${BASH_REMATCH[1]}"
            : > "${BASH_REMATCH[1]}/index.json"
          fi
        done
        exit 0
        ;;
    esac
    ;;
  save) shift; [[ "$1" == --output ]] && : > "$2"; exit 0 ;;
  run)
    shift
    reports="" args=()
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --rm) shift ;;
        --volume) [[ "$2" == *:/reports ]] && reports="${2%:/reports}"; shift 2 ;;
        *) args=("$@"); break ;;
      esac
    done
    set -- "${args[@]:1}" # drop the image name
    [[ "$1" == image ]] || exit 64
    case "$2" in --download-db-only | --download-java-db-only) exit 0 ;; esac
    input="" output="" format="" code=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --input) input="$2"; shift 2 ;;
        --output) output="$2"; shift 2 ;;
        --format) format="$2"; shift 2 ;;
        --exit-code) code="$2"; shift 2 ;;
        *) shift ;;
      esac
    done
    component="$(basename "$input" .tar)"
    file="$reports/${output#/reports/}"
    if contains "${FAKE_TRIVY_ERROR:-}" "$component"; then
      printf 'FATAL scan error\n' >&2
      exit 1
    fi
    if [[ "$format" == json ]]; then
      printf '{"ArtifactName": "%s"}\n' "$component" > "$file"
      exit 0
    fi
    if contains "${FAKE_TRIVY_VULNERABLE:-}" "$component"; then
      printf '%s: CVE-2026-0001 HIGH fixed\n' "$component" > "$file"
      exit "$code"
    fi
    printf '%s: no findings\n' "$component" > "$file"
    exit 0
    ;;
esac
exit 0
STUB

# Stand-in curl: serves FAKE_PAYLOAD for every file, and for a checksum file the checksum of
# that same payload, as a server whose release and checksum file were both replaced would.
cat > "$STUBS/curl" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
printf 'curl %s\n' "$*" >> "$STUB_LOG"
url="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) out="$2"; shift 2 ;;
    --retry | --proto) shift 2 ;;
    -*) shift ;;
    *) url="$1"; shift ;;
  esac
done
payload="${FAKE_PAYLOAD:-tampered}"
sum="$(printf '%s' "$payload" | sha256sum | cut -d' ' -f1)"
case "$url" in
  *.sha256) printf '%s' "$sum" > "$out" ;;
  *.sha256sum) printf '%s  %s\n' "$sum" "$(basename "${url%.sha256sum}")" > "$out" ;;
  *checksums.txt) printf '%s  %s\n' "$sum" "whatever" > "$out" ;;
  *) printf '%s' "$payload" > "$out" ;;
esac
STUB

cat > "$STUBS/sudo" <<'STUB'
#!/usr/bin/env bash
printf 'sudo %s\n' "$*" >> "$STUB_LOG"
STUB

cat > "$STUBS/helm" <<'STUB'
#!/usr/bin/env bash
printf 'helm %s\n' "$*" >> "$STUB_LOG"
if [[ "$1 ${2:-}" == "plugin list" ]]; then printf 'NAME\tVERSION\tDESCRIPTION\n'; fi
exit 0
STUB

# Stand-in python3: `python3 -m venv DIR` makes DIR/bin/pip, which records its arguments.
cat > "$STUBS/python3" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
printf 'python3 %s\n' "$*" >> "$STUB_LOG"
if [[ "$1 $2" == "-m venv" ]]; then
  mkdir -p "$3/bin"
  printf '#!/usr/bin/env bash\nprintf "pip %%s\\n" "$*" >> "$STUB_LOG"\n' > "$3/bin/pip"
  chmod +x "$3/bin/pip"
fi
STUB
chmod +x "$STUBS"/*

# run_stubbed LOG COMMAND... — runs COMMAND with the stand-ins first on PATH; prints its status.
run_stubbed() {
  local log="$1"
  shift
  : > "$log"
  local status=0
  STUB_LOG="$log" PATH="$STUBS:$PATH" HOME="$TMP/home" CIRCLE_SHA1="$COMMIT" "$@" \
    > "$log.out" 2>&1 || status=$?
  printf '%s\n' "$status"
}

# --- build-images.sh ---------------------------------------------------------------------------
log="$TMP/build.log"
status="$(run_stubbed "$log" "$SCRIPTS/build-images.sh" "$TMP/images" "$TMP/cache")"
builds="$(grep -c '^buildx build ' "$log" || true)"
expect "build-images: builds the three images (status $status, $builds builds)" \
  test "$status" = 0 -a "$builds" = 3
expect "build-images: every build passes --build-arg GIT_COMMIT=<commit>" \
  test "$(grep '^buildx build ' "$log" | grep -c -- "--build-arg GIT_COMMIT=$COMMIT " || true)" = 3
expect "build-images: every build keeps the org.opencontainers.image.revision label" \
  test "$(grep '^buildx build ' "$log" | grep -c -- "--label org.opencontainers.image.revision=$COMMIT " || true)" = 3

# --- scan.sh -----------------------------------------------------------------------------------
mkdir -p "$TMP/scan-images"
for component in app seed mongo; do : > "$TMP/scan-images/$component.tar"; done
log="$TMP/scan.log"
status="$(FAKE_TRIVY_ERROR=seed FAKE_TRIVY_VULNERABLE=mongo run_stubbed "$log" \
  "$SCRIPTS/scan.sh" "$TMP/scan-images" "$TMP/reports")"
expect "scan: fails when one image has findings and another's scan errors (status $status)" \
  test "$status" != 0
for component in app seed mongo; do
  expect "scan: writes $component.txt although the seed scan failed" test -s "$TMP/reports/$component.txt"
done
expect "scan: writes the full JSON reports of the images it could scan" \
  test -s "$TMP/reports/app.json" -a -s "$TMP/reports/mongo.json"
expect "scan: names the image with findings" grep -q 'vulnerabilities in: mongo' "$log.out"
expect "scan: names the image whose scan did not complete" grep -q 'did not complete for: seed' "$log.out"
status="$(run_stubbed "$log" "$SCRIPTS/scan.sh" "$TMP/scan-images" "$TMP/reports-clean")"
expect "scan: passes when no image has a fixable HIGH/CRITICAL finding (status $status)" test "$status" = 0

# --- install-tools.sh --------------------------------------------------------------------------
install_env=(BIN_DIR="$TMP/installed" YAMLLINT_VENV="$TMP/venv" HELM_DIFF_HOME="$TMP/helm-diff")
for tool in kind kubectl helm helm-diff; do
  log="$TMP/install-$tool.log"
  status="$(run_stubbed "$log" env "${install_env[@]}" "$SCRIPTS/install-tools.sh" "$tool")"
  expect "install-tools $tool: a tampered download with a matching server checksum is refused (status $status)" \
    test "$status" != 0
  expect "install-tools $tool: nothing is installed from it" \
    lacks '^sudo install|^helm plugin install' "$log"
  expect "install-tools $tool: the refusal names the checksum mismatch" grep -q 'checksum mismatch' "$log.out"
done
log="$TMP/install-yamllint.log"
status="$(run_stubbed "$log" env "${install_env[@]}" "$SCRIPTS/install-tools.sh" yamllint)"
expect "install-tools yamllint: pip installs with --require-hashes from the pinned requirements file" \
  grep -Eq '^pip .*--require-hashes.*--requirement .*yamllint-requirements\.txt' "$log"

printf '%s passed, %s failed\n' "$passed" "$failed"
((failed == 0))
