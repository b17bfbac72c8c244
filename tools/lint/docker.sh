#!/usr/bin/env bash
# Static checks for the container images and the Compose file; no Docker engine needed.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: tools/lint/docker.sh [--help]

Static checks for Dockerfile, Dockerfile.mongo, Dockerfile.seed, docker-compose.yml and compose.replicaset.yaml,
run from the repository root (needs `npm ci --prefix tools/lint` and Debian's docker-compose):

  1. dockerfile-utils lint: syntax, instruction arguments and flags (warnings count as findings)
  2. dockerfilelint: tags, apt/apk hygiene, sudo, ports, ... with the rules it gets wrong for
     this repository's constructs switched off in tools/lint/dockerfilelint/*/.dockerfilelintrc
  3. hadolint's DL3006 and DL4006 and ShellCheck on every RUN, under .hadolint.yaml and the inline
     ignores (tools/lint/hadolint-rules.mjs; the pipeline runs hadolint itself)
  4. docker-compose.yml and compose.replicaset.yaml against the Compose Specification JSON schema
     (tools/lint/compose-schema.js) and yamllint (tools/lint/yamllint-compose.yaml)
  5. `docker-compose config -q` with a throwaway env file built from .env.example (alone and with
     compose.replicaset.yaml), and checks
     that Compose refuses to start when a credential is missing, or with .env.example as it is
  6. ShellCheck on the API image's AOT training script (src/main/docker/*.sh, POSIX sh: it runs on the
     image's busybox) and on bench/*.sh, which run it to measure the service as the image runs it

Exits non-zero on any finding. What these tools do not cover is asserted by the JUnit tests in
src/test/java/io/restaurantapi/packaging/.
EOF
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  '') ;;
  *) usage >&2; exit 2 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bin=tools/lint/node_modules/.bin
for tool in "$bin/dockerfile-utils" "$bin/dockerfilelint"; do
  [[ -x "$tool" ]] || { echo "missing $tool: run npm ci --prefix tools/lint" >&2; exit 2; }
done
command -v node >/dev/null || { echo "missing node" >&2; exit 2; }
command -v yamllint >/dev/null || { echo "missing yamllint (Debian package yamllint)" >&2; exit 2; }
command -v docker-compose >/dev/null || { echo "missing docker-compose (Debian package docker-compose)" >&2; exit 2; }
command -v shellcheck >/dev/null || { echo "missing shellcheck (Debian package shellcheck)" >&2; exit 2; }

failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# 1. dockerfile-utils exits 0 on warnings, so any output is a finding.
for dockerfile in Dockerfile Dockerfile.mongo Dockerfile.seed; do
  if ! out="$("$bin/dockerfile-utils" lint "$dockerfile" 2>&1)" || [[ -n "$out" ]]; then
    printf '%s\n' "$out" >&2
    fail "dockerfile-utils lint $dockerfile"
  else
    echo "ok: dockerfile-utils lint $dockerfile"
  fi
done

# 2. dockerfilelint, each file with the configuration that documents its switched-off rules.
lint_with() {
  local config="$1" dockerfile="$2"
  if ! "$bin/dockerfilelint" -c "tools/lint/dockerfilelint/$config" "$dockerfile" >/dev/null 2>&1; then
    "$bin/dockerfilelint" -c "tools/lint/dockerfilelint/$config" "$dockerfile" >&2 || true
    fail "dockerfilelint $dockerfile"
  else
    echo "ok: dockerfilelint $dockerfile"
  fi
}
lint_with api-mongo Dockerfile
lint_with api-mongo Dockerfile.mongo
lint_with seed Dockerfile.seed

# 3. The hadolint rules that have stopped the pipeline before, under the repository's .hadolint.yaml.
if node tools/lint/hadolint-rules.mjs --config .hadolint.yaml Dockerfile Dockerfile.mongo Dockerfile.seed; then
  echo "ok: hadolint rules"
else
  fail "hadolint rules (DL3006, DL4006, ShellCheck)"
fi

# 4. Compose Specification schema, for the Compose file and its replica-set override.
for file in docker-compose.yml compose.replicaset.yaml; do
  if node tools/lint/compose-schema.js "$file"; then
    echo "ok: $file matches the Compose Specification schema"
  else
    fail "compose schema $file"
  fi

  if yamllint --strict -c tools/lint/yamllint-compose.yaml "$file"; then
    echo "ok: yamllint $file"
  else
    fail "yamllint $file"
  fi
done

# 5. docker-compose config, with a throwaway env file and an environment free of the caller's variables.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# compose ENV_FILE [FILE...]: docker-compose config -q over docker-compose.yml and the given override files.
compose() {
  local env_file="$1" file files=(-f docker-compose.yml)
  shift
  for file in "$@"; do files+=(-f "$file"); done
  env -i PATH="$PATH" HOME="$tmp" docker-compose --project-directory . "${files[@]}" --env-file "$env_file" config -q
}
sed -E 's/^([A-Z_]*PASSWORD)=$/\1=lint-only/' .env.example >"$tmp/complete.env"
if compose "$tmp/complete.env"; then
  echo "ok: docker-compose config -q"
else
  fail "docker-compose config -q with every variable of .env.example set"
fi
if compose "$tmp/complete.env" compose.replicaset.yaml; then
  echo "ok: docker-compose config -q with compose.replicaset.yaml"
else
  fail "docker-compose config -q with compose.replicaset.yaml"
fi
# expect_refusal ENV_FILE NEEDLE WHAT: docker-compose must refuse ENV_FILE, naming the password (NEEDLE).
expect_refusal() {
  local out
  if out="$(compose "$1" 2>&1)"; then
    fail "docker-compose config accepted $3"
  elif [[ "$out" != *"$2"* ]]; then
    printf '%s\n' "$out" >&2
    fail "docker-compose config refused $3 without naming the password to set"
  else
    echo "ok: docker-compose refuses $3, naming the password to set"
  fi
}
expect_refusal .env.example "_PASSWORD in .env (see .env.example)" ".env.example as it is (its passwords are empty, so that nobody runs with a shared one)"
grep -v '^MONGO_APP_PASSWORD=' "$tmp/complete.env" >"$tmp/incomplete.env"
expect_refusal "$tmp/incomplete.env" "set MONGO_APP_PASSWORD in .env" "an env file without MONGO_APP_PASSWORD"

# 6. The scripts the image and the benchmarks run.
if shellcheck --shell=sh src/main/docker/*.sh && shellcheck -x bench/*.sh; then
  echo "ok: shellcheck src/main/docker/*.sh bench/*.sh"
else
  fail "shellcheck src/main/docker/*.sh bench/*.sh"
fi

exit "$failed"
