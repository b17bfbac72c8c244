#!/usr/bin/env bash
# Behaviour tests of the CircleCI job scripts, run offline against stand-in `docker`, `cosign`,
# `circleci`, `curl`, `sudo`, `helm`, `helmfile`, `kubectl` and `python3` commands that record how
# they were called.
# The stand-in docker keeps a small fake registry: what a build pushes (an image index, the
# image manifest, the attestation manifest holding exactly the attestations the build asked
# for), and the tags `imagetools create` points at it.
#   - tool-image.sh prints the pins of .circleci/tool-images/Dockerfile and refuses an unknown
#     name or an entry that is not pinned by digest;
#   - build-images.sh creates its builder with the pinned BuildKit image, passes --build-arg
#     GIT_COMMIT=<commit> and SOURCE_DATE_EPOCH, keeps the revision label, loads images without
#     attestations, records each image config digest, and copies the application's CycloneDX
#     SBOM out of the app image (failing when the image has none);
#   - scan.sh scans every image and the SBOM (`trivy sbom`) with one policy, writes a report for
#     every target even when one scan fails, and fails naming the targets with findings and
#     those whose scan failed or could not run;
#   - publish.sh pushes by digest with a pinned SBOM generator and mode=max provenance, never
#     `docker push`es, checks the pushed index (attestations, and the tested image config),
#     signs every digest before it moves any tag, and refuses a rebuilt image that differs from
#     the tested one, a missing cache, or a branch that does not publish;
#   - sign.sh signs digests only, with a token minted for the audience "sigstore" and passed in
#     SIGSTORE_ID_TOKEN, refuses a token whose claims are not the configured identity, and fails
#     when the signature it wrote does not verify with the exact identity and issuer;
#   - install-tools.sh refuses a tampered download even when the server's checksum file was
#     replaced too (cosign included), never installs helm-diff from a URL, and installs
#     yamllint only with pip --require-hashes from the hash-pinned requirements file;
#   - e2e-k8s.sh deploys the generic-ha environment with the replica-set members' CPU request
#     lowered to fit the one kind node, and generic as it is;
#   - failover.sh (against stand-in `kubectl` and `curl` that play a three-member replica set and
#     the API) accepts a log whose longest gap is 12 s and refuses a 20 s gap, a 500 and a log that
#     ends unanswered; finds the primary with db.hello() and force-deletes its pod alone, waits for
#     the election and the rejoin, runs the seed Job again, and never puts the root password on a
#     command line; it fails when the count changes, when the API answers 500 after the kill, when
#     the reseed fails, or when no member becomes primary.
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
EPOCH=1767225600
# The pins the scripts must use, read here independently of lib.sh.
pin() { awk -v name="$1" '$1 == "FROM" && $4 == name { print $2 }' .circleci/tool-images/Dockerfile; }
BUILDKIT_PIN="$(pin buildkit)"
SBOM_GENERATOR_PIN="$(pin sbom-generator)"
TRIVY_PIN="$(pin trivy)"
# A made-up identity for the signing tests (CircleCI IDs are UUIDs).
ORG_ID="11111111-1111-4111-8111-111111111111"
PROJECT_ID="22222222-2222-4222-8222-222222222222"
DEFINITION_ID="33333333-3333-4333-8333-333333333333"
IDENTITY="https://circleci.com/api/v2/projects/$PROJECT_ID/pipeline-definitions/$DEFINITION_ID"
ISSUER="https://oidc.circleci.com/org/$ORG_ID"

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
# count PATTERN FILE — prints how many lines of FILE match the extended regular expression.
count() { grep -Ec -- "$1" "$2" || true; }
# first_line PATTERN FILE / last_line PATTERN FILE — line number of the first/last match (0: none).
first_line() { grep -En -- "$1" "$2" | head -n 1 | cut -d: -f1 | grep . || echo 0; }
last_line() { grep -En -- "$1" "$2" | tail -n 1 | cut -d: -f1 | grep . || echo 0; }

# A directory of stand-in commands, put first on PATH by each test.
STUBS="$TMP/bin"
mkdir -p "$STUBS"

cat > "$STUBS/docker" <<'STUB'
#!/usr/bin/env bash
# Stand-in docker: records every call; emulates buildx (builds, a fake registry for pushes,
# imagetools), save, create/cp/rm, login/logout and a Trivy container.
set -euo pipefail
printf 'docker %s\n' "$*" >> "$STUB_LOG"
contains() { [[ " $1 " == *" $2 "* ]]; }
registry="$STUB_STATE/registry"
mkdir -p "$registry/blobs" "$registry/tags"
# put JSON — stores a manifest in the fake registry, prints its digest.
put() {
  local digest
  digest="sha256:$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)"
  printf '%s' "$1" > "$registry/blobs/${digest#sha256:}"
  printf '%s\n' "$digest"
}
# resolve REF — prints the digest REF stands for in the fake registry.
resolve() {
  if [[ "$1" == *@sha256:* ]]; then
    printf '%s\n' "${1##*@}"
  else
    cat "$registry/tags/${1//\//_}"
  fi
}
component_of() {
  case "$1" in
    Dockerfile) echo app ;;
    Dockerfile.seed) echo seed ;;
    Dockerfile.mongo) echo mongo ;;
  esac
}
case "$1" in
  login) cat > /dev/null; exit 0 ;;
  logout) exit 0 ;;
  save) shift; [[ "$1" == --output ]] && : > "$2"; exit 0 ;;
  create) echo c0ffee; exit 0 ;;
  rm) exit 0 ;;
  cp)
    [[ "${FAKE_NO_SBOM:-}" != 1 ]] || { echo "Error: Could not find the file $2 in container" >&2; exit 1; }
    printf '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": []}\n' > "$3"
    exit 0
    ;;
  buildx)
    case "$2" in
      inspect) exit 1 ;;
      create) exit 0 ;;
      imagetools)
        case "$3" in
          inspect)
            ref="${*: -1}"
            digest="$(resolve "$ref")"
            if [[ "$4" == --raw ]]; then
              cat "$registry/blobs/${digest#sha256:}"
            else
              printf '{"digest": "%s"}\n' "$digest"
            fi
            exit 0
            ;;
          create)
            [[ "$4" == --tag ]] || exit 64
            resolve "$6" > "$registry/tags/${5//\//_}"
            exit 0
            ;;
        esac
        ;;
      build)
        shift 2
        file="" metadata="" output="" load=false sbom=false provenance=false
        while [[ $# -gt 0 ]]; do
          case "$1" in
            --file) file="$2"; shift 2 ;;
            --metadata-file) metadata="$2"; shift 2 ;;
            --output) output="$2"; shift 2 ;;
            --cache-to)
              if [[ "$2" =~ ^type=local,dest=([^,]+) ]]; then
                mkdir -p "${BASH_REMATCH[1]}"
                : > "${BASH_REMATCH[1]}/index.json"
              fi
              shift 2
              ;;
            --load) load=true; shift ;;
            --sbom=generator=* | --sbom=true) sbom=true; shift ;;
            --provenance=mode=* | --provenance=true) provenance=true; shift ;;
            *) shift ;;
          esac
        done
        component="$(component_of "$file")"
        # The image config a build of this component produces; FAKE_CONFIG_DRIFT names the
        # components whose pushed rebuild differs from the tested image.
        config_input="config-$component"
        if ! "$load" && contains "${FAKE_CONFIG_DRIFT:-}" "$component"; then config_input+="-drifted"; fi
        config="sha256:$(printf '%s' "$config_input" | sha256sum | cut -d' ' -f1)"
        manifest="$(put "{\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"config\": {\"digest\": \"$config\"}}")"
        if "$load"; then
          [[ -z "$metadata" ]] || printf '{"containerimage.config.digest": "%s", "containerimage.digest": "%s"}\n' "$config" "$manifest" > "$metadata"
          exit 0
        fi
        [[ "$output" == *push=true* ]] || exit 0
        layers=()
        "$sbom" && layers+=('{"annotations": {"in-toto.io/predicate-type": "https://spdx.dev/Document"}}')
        "$provenance" && layers+=('{"annotations": {"in-toto.io/predicate-type": "https://slsa.dev/provenance/v1"}}')
        pushed="$manifest"
        if ((${#layers[@]})); then
          joined="$(IFS=,; printf '%s' "${layers[*]}")"
          attestation="$(put "{\"layers\": [$joined]}")"
          pushed="$(put "{\"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": [
            {\"digest\": \"$manifest\", \"platform\": {\"architecture\": \"amd64\", \"os\": \"linux\"}},
            {\"digest\": \"$attestation\", \"platform\": {\"architecture\": \"unknown\", \"os\": \"unknown\"},
             \"annotations\": {\"vnd.docker.reference.type\": \"attestation-manifest\", \"vnd.docker.reference.digest\": \"$manifest\"}}]}")"
        fi
        [[ -z "$metadata" ]] || printf '{"containerimage.digest": "%s"}\n' "$pushed" > "$metadata"
        exit 0
        ;;
    esac
    ;;
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
    printf 'trivy-image %s\n' "${args[0]}" >> "$STUB_LOG"
    set -- "${args[@]:1}" # drop the image name
    subcommand="$1"
    shift
    case "$subcommand" in image | sbom) ;; *) exit 64 ;; esac
    case "${1:-}" in --download-db-only | --download-java-db-only) exit 0 ;; esac
    target="" output="" format="" code=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --input) target="$2"; shift 2 ;;
        --output) output="$2"; shift 2 ;;
        --format) format="$2"; shift 2 ;;
        --exit-code) code="$2"; shift 2 ;;
        --severity | --scanners) shift 2 ;;
        -*) shift ;;
        *) target="$1"; shift ;;
      esac
    done
    if [[ "$subcommand" == sbom ]]; then component=dependencies; else component="$(basename "$target" .tar)"; fi
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

# Stand-in cosign: records its arguments and whether SIGSTORE_ID_TOKEN was set; `verify` fails
# when FAKE_COSIGN_VERIFY_FAIL=1.
cat > "$STUBS/cosign" <<'STUB'
#!/usr/bin/env bash
printf 'cosign %s [SIGSTORE_ID_TOKEN %s]\n' "$*" "${SIGSTORE_ID_TOKEN:+set}" >> "$STUB_LOG"
if [[ -n "${SIGSTORE_ID_TOKEN:-}" ]]; then printf '%s\n' "$SIGSTORE_ID_TOKEN" > "$STUB_STATE/token-seen-by-cosign"; fi
if [[ "$1" == verify && "${FAKE_COSIGN_VERIFY_FAIL:-}" == 1 ]]; then
  echo "Error: no matching signatures" >&2
  exit 1
fi
exit 0
STUB

# Stand-in circleci: `circleci run oidc get --claims JSON` prints a JSON Web Token whose payload
# is FAKE_OIDC_CLAIMS (the signature part is not a real signature).
cat > "$STUBS/circleci" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
printf 'circleci %s\n' "$*" >> "$STUB_LOG"
[[ "$1 $2 $3" == "run oidc get" ]] || exit 64
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
printf '%s.%s.%s\n' "$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)" \
  "$(printf '%s' "$FAKE_OIDC_CLAIMS" | b64url)" "$(printf 'not-a-signature' | b64url)"
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
if [[ "$1" == upgrade && "${FAKE_HELM_UPGRADE_FAIL:-}" == 1 ]]; then echo "Error: UPGRADE FAILED: job failed" >&2; exit 1; fi
exit 0
STUB

cat > "$STUBS/helmfile" <<'STUB'
#!/usr/bin/env bash
printf 'helmfile %s\n' "$*" >> "$STUB_LOG"
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

# Stand-ins for the Kubernetes jobs, in a directory of their own (their curl is the API, not a download
# server): kubectl plays a three-member replica set in namespace restaurant and the app Service, curl the API.
K8S_STUBS="$TMP/k8s-bin"
mkdir -p "$K8S_STUBS"
# The root password the mongo pods have in their environment, and their Secret holds.
ROOT_PASSWORD="root-password-only-in-the-pods"

# Stand-in kubectl. The primary is FAKE_PRIMARY (mongo-1); after `delete pod` of it, db.hello() names no primary
# for FAKE_ELECTION_POLLS queries, then the next member; rs.status() shows the deleted member unreachable for
# FAKE_REJOIN_POLLS queries, then a secondary. The deleted pod cannot be exec'd into until it is back, and a query
# that does not sign in with the pod's own password fails as MongoDB would.
cat > "$K8S_STUBS/kubectl" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
printf 'kubectl %s\n' "$*" >> "$STUB_LOG"
state="$STUB_STATE"
[[ -f "$state/primary" ]] || printf '%s\n' "${FAKE_PRIMARY:-mongo-1}" > "$state/primary"
host() { printf '%s.mongo-headless.restaurant.svc.cluster.local:27017' "$1"; }
bump() { local n; n=$(($(cat "$state/$1" 2> /dev/null || echo 0) + 1)); echo "$n" > "$state/$1"; echo "$n"; }
[[ "$1 $2" == "--namespace restaurant" ]] || { echo "kubectl: unexpected namespace: $*" >&2; exit 64; }
shift 2
case "$1" in
  get)
    case "$2" in
      statefulset) echo 3 ;;
      services) echo '{"items": [{"metadata": {"name": "app"}, "spec": {"ports": [{"name": "http", "port": 80}, {"name": "management", "port": 8081}]}}]}' ;;
      secret) printf '{"data": {"mongodb-root-password": "%s"}}\n' "$(printf '%s' "$FAKE_ROOT_PASSWORD" | base64)" ;;
      *) exit 64 ;;
    esac
    ;;
  port-forward) echo "$$" >> "$state/port-forwards"; exec sleep 600 ;;
  delete)
    [[ "$2" == pod ]] || exit 64
    printf '%s\n' "$3" > "$state/killed"
    member="${3##*-}"
    printf 'mongo-%s\n' "$(((member + 1) % 3))" > "$state/primary"
    ;;
  exec)
    pod="$2"
    js="${*: -1}"
    killed="$(cat "$state/killed" 2> /dev/null || true)"
    rejoined=false
    [[ -z "$killed" || "$(cat "$state/rejoin-polls" 2> /dev/null || echo 0)" -lt "${FAKE_REJOIN_POLLS:-2}" ]] || rejoined=true
    if [[ "$pod" == "$killed" ]] && ! "$rejoined"; then echo "error: pod $pod not found" >&2; exit 1; fi
    [[ "$js" == *'env.MONGO_INITDB_ROOT_PASSWORD'* ]] || { echo "MongoServerError: Authentication failed." >&2; exit 1; }
    case "$js" in
      *'db.hello().primary'*)
        if [[ -n "$killed" && "$(bump election-polls)" -le "${FAKE_ELECTION_POLLS:-2}" ]]; then echo ""; exit 0; fi
        host "$(cat "$state/primary")"; echo
        ;;
      *'rs.status().members.forEach'*)
        [[ -z "$killed" ]] || bump rejoin-polls > /dev/null
        for member in mongo-0 mongo-1 mongo-2; do
          if [[ "$member" == "$killed" ]] && ! "$rejoined"; then echo "$(host "$member") (not reachable/healthy) 0"
          elif [[ "$member" == "$(cat "$state/primary")" ]]; then echo "$(host "$member") PRIMARY 1"
          else echo "$(host "$member") SECONDARY 1"; fi
        done
        ;;
      *'printjson(rs.status())'*) echo '{ set: "rs0", ok: 1 }' ;;
      *) exit 64 ;;
    esac
    ;;
  *) exit 64 ;;
esac
STUB

# Stand-in curl: the API on 127.0.0.1. The load's requests (--write-out) answer FAKE_STATUS (200), or
# FAKE_STATUS_AFTER_KILL once a pod was deleted; the list holds FAKE_COUNT (2548) restaurants, or
# FAKE_COUNT_AFTER_KILL once a pod was deleted.
cat > "$K8S_STUBS/curl" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
url="${*: -1}"
write_out=false
for arg in "$@"; do [[ "$arg" != --write-out ]] || write_out=true; done
killed=false
[[ ! -f "$STUB_STATE/killed" ]] || killed=true
case "$url" in
  http://127.0.0.1:*/api/v1/restaurant/55f14313c7447c3da705224b)
    if "$write_out"; then
      if "$killed"; then printf '%s' "${FAKE_STATUS_AFTER_KILL:-${FAKE_STATUS:-200}}"; else printf '%s' "${FAKE_STATUS:-200}"; fi
    else
      printf '{"name": "Bayleaf", "_id": "55f14313c7447c3da705224b", "rating": 5}\n'
    fi
    ;;
  http://127.0.0.1:*/api/v1/restaurant)
    count="${FAKE_COUNT:-2548}"
    if "$killed"; then count="${FAKE_COUNT_AFTER_KILL:-$count}"; fi
    jq --null-input --argjson n "$count" '[range($n) | {}]'
    ;;
  *) exit 7 ;;
esac
STUB
chmod +x "$K8S_STUBS"/*

# run_stubbed LOG COMMAND... — runs COMMAND with the stand-ins first on PATH and a fresh fake
# registry; prints its status. Its output goes to LOG.out.
run_stubbed() {
  local log="$1"
  shift
  : > "$log"
  rm -rf "$TMP/state"
  mkdir -p "$TMP/state"
  local status=0
  STUB_LOG="$log" STUB_STATE="$TMP/state" PATH="$STUBS:$PATH" HOME="$TMP/home" CIRCLE_SHA1="$COMMIT" \
    SOURCE_DATE_EPOCH="$EPOCH" "$@" > "$log.out" 2>&1 || status=$?
  printf '%s\n' "$status"
}

# --- tool-image.sh -----------------------------------------------------------------------------
log="$TMP/tool-image.log"
for name in hadolint shellcheck trivy buildkit sbom-generator; do
  status="$(run_stubbed "$log" "$SCRIPTS/tool-image.sh" "$name")"
  expect "tool-image $name: prints its tag@digest pin ($(cat "$log.out"))" \
    test "$status" = 0 -a "$(cat "$log.out")" = "$(pin "$name")"
done
status="$(run_stubbed "$log" "$SCRIPTS/tool-image.sh" no-such-tool)"
expect "tool-image: an unknown name fails (status $status)" test "$status" != 0
mkdir -p "$TMP/copy"
cp -r .circleci "$TMP/copy/"
sed -i 's/^FROM \(aquasec\/trivy:[^@]*\)@sha256:[0-9a-f]* AS trivy$/FROM \1 AS trivy/' "$TMP/copy/.circleci/tool-images/Dockerfile"
status="$(run_stubbed "$log" "$TMP/copy/.circleci/scripts/tool-image.sh" trivy)"
expect "tool-image: an entry pinned by tag only is refused (status $status)" \
  grep -q 'not pinned as image:tag@sha256' "$log.out"

# --- build-images.sh ---------------------------------------------------------------------------
log="$TMP/build.log"
status="$(run_stubbed "$log" "$SCRIPTS/build-images.sh" "$TMP/images" "$TMP/cache")"
builds="$(count '^docker buildx build ' "$log")"
expect "build-images: builds the three images (status $status, $builds builds)" \
  test "$status" = 0 -a "$builds" = 3
expect "build-images: creates its docker-container builder with the pinned BuildKit image" \
  grep -Eq -- "^docker buildx create .*--driver docker-container --driver-opt image=$BUILDKIT_PIN\$" "$log"
expect "build-images: every build passes --build-arg GIT_COMMIT=<commit>" \
  test "$(grep '^docker buildx build ' "$log" | grep -c -- "--build-arg GIT_COMMIT=$COMMIT " || true)" = 3
expect "build-images: every build passes SOURCE_DATE_EPOCH" \
  test "$(grep '^docker buildx build ' "$log" | grep -c -- "--build-arg SOURCE_DATE_EPOCH=$EPOCH " || true)" = 3
expect "build-images: every build keeps the org.opencontainers.image.revision label" \
  test "$(grep '^docker buildx build ' "$log" | grep -c -- "--label org.opencontainers.image.revision=$COMMIT " || true)" = 3
expect "build-images: the loaded images ask for no attestations (--provenance=false --sbom=false)" \
  test "$(grep '^docker buildx build ' "$log" | grep -- '--load' | grep -c -- '--provenance=false --sbom=false' || true)" = 3
expect "build-images: images.txt records each image's config digest" \
  test "$(grep -Ec '^(app|seed|mongo) restaurant-api[a-z-]*:sha-0123456 sha256:[0-9a-f]{64}$' "$TMP/images/images.txt")" = 3
expect "build-images: copies the CycloneDX SBOM out of the app image" \
  test "$(jq -r '.bomFormat' "$TMP/images/sbom/application.cdx.json")" = CycloneDX
expect "build-images: reads the SBOM from /app/META-INF/sbom/application.cdx.json" \
  grep -q '^docker cp c0ffee:/app/META-INF/sbom/application.cdx.json ' "$log"
log="$TMP/build-no-sbom.log"
status="$(FAKE_NO_SBOM=1 run_stubbed "$log" "$SCRIPTS/build-images.sh" "$TMP/images-no-sbom" "$TMP/cache-no-sbom")"
expect "build-images: fails when the app image has no SBOM (status $status)" \
  grep -q 'has no /app/META-INF/sbom/application.cdx.json' "$log.out"

# --- scan.sh -----------------------------------------------------------------------------------
mkdir -p "$TMP/scan-images/sbom"
for component in app seed mongo; do : > "$TMP/scan-images/$component.tar"; done
printf '{"bomFormat": "CycloneDX"}\n' > "$TMP/scan-images/sbom/application.cdx.json"
log="$TMP/scan.log"
status="$(FAKE_TRIVY_ERROR=seed FAKE_TRIVY_VULNERABLE="mongo dependencies" run_stubbed "$log" \
  "$SCRIPTS/scan.sh" "$TMP/scan-images" "$TMP/reports")"
expect "scan: fails when targets have findings and another's scan errors (status $status)" \
  test "$status" != 0
for target in app seed mongo dependencies; do
  expect "scan: writes $target.txt although the seed scan failed" test -s "$TMP/reports/$target.txt"
done
expect "scan: writes the full JSON reports of the targets it could scan" \
  test -s "$TMP/reports/app.json" -a -s "$TMP/reports/mongo.json" -a -s "$TMP/reports/dependencies.json"
expect "scan: names the image and the dependencies with findings" \
  grep -q 'vulnerabilities in: mongo dependencies' "$log.out"
expect "scan: names the image whose scan did not complete" grep -q 'did not complete for: seed$' "$log.out"
expect "scan: runs only the pinned Trivy image" \
  test "$(grep '^trivy-image ' "$log" | sort -u)" = "trivy-image $TRIVY_PIN"
expect "scan: scans the SBOM with trivy sbom" \
  grep -Eq -- "^docker run .* sbom /images/sbom/application.cdx.json .*--severity HIGH,CRITICAL --ignore-unfixed --exit-code 3 " "$log"
# The gate options of the image scans and of the SBOM scan, with the target removed: one policy.
image_gate="$(grep -- '--severity' "$log" | grep -- ' image --input /images/app.tar ' | sed 's/.* image --input [^ ]* //; s/--output [^ ]*//' || true)"
sbom_gate="$(grep -- '--severity' "$log" | grep -- ' sbom /images/' | sed 's/.* sbom [^ ]* //; s/--output [^ ]*//' || true)"
expect "scan: the dependency scan applies the image scan's policy ($sbom_gate)" \
  test -n "$sbom_gate" -a "$image_gate" = "$sbom_gate"
rm "$TMP/scan-images/sbom/application.cdx.json"
status="$(run_stubbed "$log" "$SCRIPTS/scan.sh" "$TMP/scan-images" "$TMP/reports-no-sbom")"
expect "scan: fails when the SBOM is missing, and says so (status $status)" \
  grep -q 'did not complete for: dependencies' "$log.out"
printf '{"bomFormat": "CycloneDX"}\n' > "$TMP/scan-images/sbom/application.cdx.json"
status="$(run_stubbed "$log" "$SCRIPTS/scan.sh" "$TMP/scan-images" "$TMP/reports-clean")"
expect "scan: passes when no target has a fixable HIGH/CRITICAL finding (status $status)" test "$status" = 0

# --- sign.sh -----------------------------------------------------------------------------------
claims() { # claims PROJECT_ID — the claims CircleCI puts into a token minted for "sigstore"
  printf '{"iss": "%s", "aud": "sigstore", "sub": "org/%s/project/%s/user/44444444-4444-4444-8444-444444444444",
    "oidc.circleci.com/project-id": "%s", "oidc.circleci.com/pipeline-definition-id": "%s"}' \
    "$ISSUER" "$ORG_ID" "$1" "$1" "$DEFINITION_ID"
}
sign_env=(CIRCLECI_ORG_ID="$ORG_ID" CIRCLECI_PROJECT_ID="$PROJECT_ID" CIRCLECI_PIPELINE_DEFINITION_ID="$DEFINITION_ID")
ref="docker.io/example/restaurant-api@sha256:$(printf 'index' | sha256sum | cut -d' ' -f1)"
log="$TMP/sign.log"
status="$(FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" env "${sign_env[@]}" "$SCRIPTS/sign.sh" "$ref")"
expect "sign: signs and verifies a digest reference (status $status)" test "$status" = 0
expect "sign: mints the identity token for the audience sigstore" \
  grep -Fxq 'circleci run oidc get --claims {"aud":"sigstore"}' "$log"
expect "sign: cosign sign --yes on the digest, with the token in SIGSTORE_ID_TOKEN" \
  grep -Fxq "cosign sign --yes $ref [SIGSTORE_ID_TOKEN set]" "$log"
token_payload="$(cut -d. -f2 "$TMP/state/token-seen-by-cosign" 2> /dev/null || true)"
expect "sign: the token is never on a command line" \
  test -n "$token_payload" -a "$(count "$token_payload" "$log")" = 0
expect "sign: then cosign verify with the exact identity and issuer, without the token" \
  grep -Fxq "cosign verify --certificate-identity $IDENTITY --certificate-oidc-issuer $ISSUER $ref [SIGSTORE_ID_TOKEN ]" "$log"
expect "sign: verifies right after signing" \
  test "$(first_line '^cosign verify ' "$log")" -gt "$(first_line '^cosign sign ' "$log")"
status="$(FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" env "${sign_env[@]}" \
  "$SCRIPTS/sign.sh" docker.io/example/restaurant-api:latest)"
expect "sign: refuses a tag reference (status $status)" grep -q 'never a tag' "$log.out"
expect "sign: and signs nothing" lacks '^(cosign|circleci) ' "$log"
status="$(FAKE_OIDC_CLAIMS="$(claims 55555555-5555-4555-8555-555555555555)" run_stubbed "$log" \
  env "${sign_env[@]}" "$SCRIPTS/sign.sh" "$ref")"
expect "sign: refuses a token of another project (status $status)" \
  grep -q 'does not carry the configured identity' "$log.out"
expect "sign: and signs nothing with it" lacks '^cosign sign ' "$log"
status="$(FAKE_COSIGN_VERIFY_FAIL=1 FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" \
  env "${sign_env[@]}" "$SCRIPTS/sign.sh" "$ref")"
expect "sign: fails when the new signature does not verify (status $status)" \
  grep -q 'does not accept the signature just written' "$log.out"
status="$(run_stubbed "$log" env CIRCLECI_ORG_ID="$ORG_ID" "$SCRIPTS/sign.sh" "$ref")"
expect "sign: names the missing context variable (status $status)" \
  grep -q 'CIRCLECI_PROJECT_ID must come from the CircleCI context' "$log.out"
status="$(run_stubbed "$log" env "${sign_env[@]}" "$SCRIPTS/sign.sh" --print-identity)"
expect "sign --print-identity: prints what a verifier must expect" \
  grep -Fxq "certificate-identity: $IDENTITY" "$log.out"

# --- publish.sh --------------------------------------------------------------------------------
publish_env=(CIRCLE_BRANCH=main DOCKERHUB_USERNAME=example DOCKERHUB_TOKEN=stub-docker-hub-access "${sign_env[@]}")
log="$TMP/publish.log"
status="$(FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" env "${publish_env[@]}" \
  "$SCRIPTS/publish.sh" "$TMP/images" "$TMP/cache" "$TMP/published/images.txt")"
expect "publish: publishes the three images from main (status $status)" test "$status" = 0
pushes="$(grep '^docker buildx build ' "$log" || true)"
expect "publish: pushes each image by digest, straight from the build" \
  test "$(grep -c 'type=image,name=docker.io/example/restaurant-api[a-z-]*,push-by-digest=true,name-canonical=true,push=true' <<< "$pushes")" = 3
expect "publish: with an SBOM from the pinned generator and mode=max provenance" \
  test "$(grep -c -- "--sbom=generator=$SBOM_GENERATOR_PIN --provenance=mode=max " <<< "$pushes")" = 3
expect "publish: rebuilds from the cache build-images saved" \
  test "$(grep -c -- "--cache-from type=local,src=$TMP/cache/" <<< "$pushes")" = 3
expect "publish: never docker push (a --load'ed image has lost its attestations)" lacks '^docker push ' "$log"
expect "publish: never loads an image" lacks '^docker buildx build .*--load' "$log"
# The shared arguments (Dockerfile, build args, label) of the tested and the published builds.
shared() { grep '^docker buildx build ' "$1" | sed -E 's/ --(tag|provenance|sbom|cache-to|cache-from|output|metadata-file)[= ][^ ]*//g; s/ --load//'; }
expect "publish: builds with exactly the arguments of the tested builds" \
  test "$(shared "$TMP/build.log")" = "$(shared "$log")"
signed="$(grep '^cosign sign ' "$log" || true)"
expect "publish: signs every pushed digest" \
  test "$(grep -Ec '^cosign sign --yes docker.io/example/restaurant-api[a-z-]*@sha256:[0-9a-f]{64} ' <<< "$signed")" = 3
expect "publish: verifies every signature" test "$(count '^cosign verify --certificate-identity ' "$log")" = 3
expect "publish: moves no tag before every image is signed" \
  test "$(first_line '^docker buildx imagetools create ' "$log")" -gt "$(last_line '^cosign verify ' "$log")"
expect "publish: tags the short SHA and latest of each image from its signed digest" \
  test "$(grep -Ec '^docker buildx imagetools create --tag docker.io/example/restaurant-api[a-z-]*:(0123456|latest) docker.io/example/restaurant-api[a-z-]*@sha256:[0-9a-f]{64}$' "$log")" = 6
expect "publish: every signed digest is a tagged digest" \
  test -n "$signed" -a "$(sed -E 's/^cosign sign --yes ([^ ]*) .*/\1/' <<< "$signed" | sort)" = \
  "$(grep '^docker buildx imagetools create ' "$log" | awk '{ print $NF }' | sort -u)"
expect "publish: lists what it published" \
  test "$(grep -Ec '^(app|seed|mongo) docker.io/example/restaurant-api[a-z-]* sha256:[0-9a-f]{64}$' "$TMP/published/images.txt")" = 3

status="$(FAKE_CONFIG_DRIFT=seed FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" \
  env "${publish_env[@]}" "$SCRIPTS/publish.sh" "$TMP/images" "$TMP/cache" "$TMP/published/drift.txt")"
expect "publish: refuses a rebuilt image that is not the tested one (status $status)" \
  grep -q 'restaurant-api-seed@sha256:[0-9a-f]* is not the tested image' "$log.out"
expect "publish: and then signs nothing more and moves no tag" \
  test "$(count '^cosign sign ' "$log")" = 1 -a "$(count '^docker buildx imagetools create ' "$log")" = 0

# A publish.sh that asks for no provenance: the pushed index lacks it and nothing is published.
sed 's/ --provenance=mode=max / /' "$SCRIPTS/publish.sh" > "$TMP/copy/.circleci/scripts/publish.sh"
status="$(FAKE_OIDC_CLAIMS="$(claims "$PROJECT_ID")" run_stubbed "$log" env "${publish_env[@]}" \
  "$TMP/copy/.circleci/scripts/publish.sh" "$TMP/images" "$TMP/cache" "$TMP/published/no-provenance.txt")"
expect "publish: refuses a pushed image without provenance attestation (status $status)" \
  grep -q 'carries no SLSA provenance attestation' "$log.out"
expect "publish: and signs and tags nothing" lacks '^cosign sign |^docker buildx imagetools create ' "$log"

status="$(run_stubbed "$log" env "${publish_env[@]}" "$SCRIPTS/publish.sh" "$TMP/images" "$TMP/no-cache" "$TMP/published/x.txt")"
expect "publish: refuses to run without this commit's BuildKit cache (status $status)" \
  grep -q 'no BuildKit cache for app' "$log.out"
expect "publish: before logging in or building" lacks '^docker (login|buildx build) ' "$log"
status="$(run_stubbed "$log" env "${publish_env[@]}" CIRCLE_BRANCH=feature "$SCRIPTS/publish.sh" \
  "$TMP/images" "$TMP/cache" "$TMP/published/x.txt")"
expect "publish: refuses a branch other than main (status $status)" \
  test "$status" != 0 -a "$(count '^docker ' "$log")" = 0
status="$(run_stubbed "$log" env "${publish_env[@]}" CIRCLE_BRANCH= CIRCLE_TAG=v1.2.3 "$SCRIPTS/publish.sh" \
  --dry-run "$TMP/images" "$TMP/cache" "$TMP/published/x.txt")"
expect "publish --dry-run: prints the release tags and runs nothing (status $status)" \
  test "$status" = 0 -a "$(count '^(docker|cosign|circleci) ' "$log")" = 0 \
  -a "$(grep -c 'imagetools create --tag docker.io/example/restaurant-api:1.2.3 ' "$log.out")" = 1

# --- install-tools.sh --------------------------------------------------------------------------
install_env=(BIN_DIR="$TMP/installed" YAMLLINT_VENV="$TMP/venv" HELM_DIFF_HOME="$TMP/helm-diff")
for tool in kind kubectl helm helm-diff cosign; do
  log="$TMP/install-$tool.log"
  status="$(run_stubbed "$log" env "${install_env[@]}" "$SCRIPTS/install-tools.sh" "$tool")"
  expect "install-tools $tool: a tampered download with a matching server checksum is refused (status $status)" \
    test "$status" != 0
  expect "install-tools $tool: nothing is installed from it" \
    lacks '^sudo install|^helm plugin install' "$log"
  expect "install-tools $tool: the refusal names the checksum mismatch" grep -q 'checksum mismatch' "$log.out"
done
log="$TMP/install-cosign.log"
expect "install-tools cosign: downloads the pinned release's linux-amd64 binary" \
  grep -q '^curl .* https://github.com/sigstore/cosign/releases/download/v[0-9.]*/cosign-linux-amd64$' "$log"
log="$TMP/install-yamllint.log"
status="$(run_stubbed "$log" env "${install_env[@]}" "$SCRIPTS/install-tools.sh" yamllint)"
expect "install-tools yamllint: pip installs with --require-hashes from the pinned requirements file" \
  grep -Eq '^pip .*--require-hashes.*--requirement .*yamllint-requirements\.txt' "$log"

# --- e2e-k8s.sh deploy ----------------------------------------------------------------------------
log="$TMP/deploy-ha.log"
status="$(run_stubbed "$log" env HELMFILE_ENVIRONMENT=generic-ha "$SCRIPTS/e2e-k8s.sh" deploy)"
expect "e2e-k8s deploy generic-ha: applies the three releases of that environment (status $status)" \
  test "$status" = 0 -a "$(count '^helmfile --environment generic-ha --selector name=(mongo|seed|app) apply ' "$log")" = 3
expect "e2e-k8s deploy generic-ha: the replica-set members request 80m of CPU each, to fit the one kind node" \
  grep -Eq '^helmfile .* name=mongo apply .*--set resources.requests.cpu=80m' "$log"
expect "e2e-k8s deploy generic-ha: only the mongo release has its request lowered" \
  test "$(count 'resources.requests' "$log")" = 1
log="$TMP/deploy-generic.log"
status="$(run_stubbed "$log" env HELMFILE_ENVIRONMENT=generic "$SCRIPTS/e2e-k8s.sh" deploy)"
expect "e2e-k8s deploy generic: the standalone keeps the chart's requests (status $status)" \
  test "$status" = 0 -a "$(count '^helmfile --environment generic ' "$log")" = 3 -a "$(count 'resources.requests' "$log")" = 0

log="$TMP/failover-generic.log"
status="$(run_stubbed "$log" env HELMFILE_ENVIRONMENT=generic PATH="$K8S_STUBS:$STUBS:$PATH" \
  "$SCRIPTS/e2e-k8s.sh" failover "$TMP/failover-generic")"
expect "e2e-k8s failover: on generic, says there is no replica set and touches nothing (status $status)" \
  test "$status" = 0 -a ! -s "$log" -a "$(count 'standalone MongoDB: no failover test' "$log.out")" = 1

# --- failover.sh verdict ---------------------------------------------------------------------------
# responses FILE SPEC... — writes a load log: each SPEC "SECONDS:STATUS" adds SECONDS seconds of two answers of
# STATUS each, one second after another.
responses() {
  local file="$1" second=1767225600 spec i
  shift
  : > "$file"
  for spec in "$@"; do
    for ((i = 0; i < ${spec%%:*}; i++)); do
      printf '%s %s\n%s %s\n' "$second" "${spec#*:}" "$second" "${spec#*:}" >> "$file"
      second=$((second + 1))
    done
  done
}
mkdir -p "$TMP/verdict"
log="$TMP/verdict/verdict.log"
responses "$TMP/verdict/requests.log" 10:200 12:503 10:304
status="$(run_stubbed "$log" "$SCRIPTS/failover.sh" verdict "$TMP/verdict/requests.log")"
expect "failover verdict: 12 s of 503 between answers passes (status $status)" test "$status" = 0
expect "failover verdict: reports the seconds of 503 and the longest gap" \
  grep -Fxq 'failover: 503 during 12 s; longest time without a successful answer 12 s (at most 15 s)' "$log.out"
expect "failover verdict: writes the per-second table beside the log" \
  test "$(grep -c '^1767225[0-9]* ' "$TMP/verdict/per-second.log")" = 32 \
  -a "$(grep '^1767225610 ' "$TMP/verdict/per-second.log")" = "1767225610 0 2 0 0"
responses "$TMP/verdict/requests.log" 10:200 20:503 10:200
status="$(run_stubbed "$log" "$SCRIPTS/failover.sh" verdict "$TMP/verdict/requests.log")"
expect "failover verdict: a 20 s gap fails, and says so (status $status)" \
  grep -q 'FAIL the API went 20 s without a successful answer, more than 15 s' "$log.out"
responses "$TMP/verdict/requests.log" 10:200 8:000 10:200
status="$(run_stubbed "$log" env MAX_GAP_SECONDS=7 "$SCRIPTS/failover.sh" verdict "$TMP/verdict/requests.log")"
expect "failover verdict: seconds without an answer count in the gap, against MAX_GAP_SECONDS (status $status)" \
  grep -q 'FAIL the API went 8 s without a successful answer, more than 7 s' "$log.out"
responses "$TMP/verdict/requests.log" 10:200 1:500 3:503 10:200
status="$(run_stubbed "$log" "$SCRIPTS/failover.sh" verdict "$TMP/verdict/requests.log")"
expect "failover verdict: a 500 fails however short the gap (status $status)" \
  grep -q 'FAIL 2 responses answered 500: the API may answer 2xx, 304 or 503 only' "$log.out"
responses "$TMP/verdict/requests.log" 10:200 5:503
status="$(run_stubbed "$log" "$SCRIPTS/failover.sh" verdict "$TMP/verdict/requests.log")"
expect "failover verdict: a log that ends without an answer fails (status $status)" \
  grep -q 'FAIL the API was not answering again when the log ended' "$log.out"

# --- failover.sh run -------------------------------------------------------------------------------
failover_env=(POLL_SECONDS=0 STEADY_SECONDS=1 LOAD_INTERVAL_SECONDS=0.05 FAKE_ROOT_PASSWORD="$ROOT_PASSWORD")
# run_failover LOG DIR [VARIABLE=VALUE...] — e2e-k8s.sh failover DIR on generic-ha (failover.sh run DIR), with
# the Kubernetes stand-ins first on PATH.
run_failover() {
  local log="$1" dir="$2"
  shift 2
  run_stubbed "$log" env PATH="$K8S_STUBS:$STUBS:$PATH" HELMFILE_ENVIRONMENT=generic-ha "${failover_env[@]}" "$@" \
    "$SCRIPTS/e2e-k8s.sh" failover "$dir"
}
log="$TMP/failover.log"
status="$(run_failover "$log" "$TMP/failover")"
expect "failover run: passes when the set elects a primary and the API keeps answering (status $status)" test "$status" = 0
expect "failover run: finds the primary with db.hello().primary before deleting anything" \
  test "$(first_line 'db.hello\(\).primary' "$log")" -gt 0 \
  -a "$(first_line 'db.hello\(\).primary' "$log")" -lt "$(first_line '^kubectl .* delete ' "$log")"
expect "failover run: force-deletes the primary's pod, mongo-1, and no other" \
  test "$(grep '^kubectl .* delete ' "$log")" = "kubectl --namespace restaurant delete pod mongo-1 --grace-period=0 --force"
expect "failover run: queries MongoDB in the mongod container of a member" \
  test "$(count '^kubectl --namespace restaurant exec mongo-[0-2] -c mongod -- mongosh --quiet --norc --nodb --eval ' "$log")" -gt 3
expect "failover run: after the kill, asks a surviving member for the new primary" \
  test "$(sed -n "$(first_line '^kubectl .* delete ' "$log"),\$p" "$log" | grep -c '^kubectl .* exec mongo-1 .*db.hello' || true)" = 0
expect "failover run: signs in with the password from the pod's environment" \
  grep -q 'encodeURIComponent(env.MONGO_INITDB_ROOT_PASSWORD)' "$log"
expect "failover run: never reads the Secret, and the root password is on no command line" \
  test "$(count 'get secret' "$log")" = 0 -a "$(count "$ROOT_PASSWORD" "$log")" = 0
expect "failover run: keeps a port-forward to the app Service's http port" \
  grep -Fxq 'kubectl --namespace restaurant port-forward service/app 18081:80' "$log"
expect "failover run: runs the seed Job again with helm upgrade --reuse-values, waiting for it, after the kill" \
  test "$(first_line '^helm upgrade seed .*/charts/seed --namespace restaurant --reuse-values --wait --wait-for-jobs ' "$log")" \
  -gt "$(first_line '^kubectl .* delete ' "$log")"
expect "failover run: summarises the election and the rejoin" \
  grep -Eq '^failover: primary mongo-1 killed; mongo-2 elected after [0-9]+ s; mongo-1 a secondary again after [0-9]+ s$' \
  "$TMP/failover/summary.txt"
expect "failover run: checks the count and the restaurant after the failover and after the reseed" \
  test "$(grep -Ec '^failover: ok   (2548 restaurants|restaurant 55f14313c7447c3da705224b unchanged) after the (failover|reseed)$' "$TMP/failover/summary.txt")" = 4
expect "failover run: saves the per-second log, every request and the set's final state" \
  test -s "$TMP/failover/per-second.log" -a -s "$TMP/failover/requests.log" -a -s "$TMP/failover/rs-status.txt"
# running PIDFILE — true when a process listed in PIDFILE is still running.
running() { local pid; while read -r pid; do ! kill -0 "$pid" 2> /dev/null || return 0; done < "$1"; return 1; }
expect "failover run: stops its port-forward when done" \
  test -s "$TMP/state/port-forwards" -a "$(running "$TMP/state/port-forwards" && echo running)" = ""
status="$(run_failover "$log" "$TMP/failover-lost" FAKE_COUNT_AFTER_KILL=2547)"
expect "failover run: fails when the API lists fewer restaurants after the kill (status $status)" \
  grep -q 'FAIL 2547 restaurants after the failover, 2548 before' "$TMP/failover-lost/summary.txt"
status="$(run_failover "$log" "$TMP/failover-500" FAKE_STATUS_AFTER_KILL=500)"
expect "failover run: fails when the API answers 500 after the kill (status $status)" \
  test "$status" != 0 -a "$(count 'FAIL [0-9]+ responses answered 500' "$TMP/failover-500/summary.txt")" = 1
status="$(run_failover "$log" "$TMP/failover-reseed" FAKE_HELM_UPGRADE_FAIL=1)"
expect "failover run: fails when the seed Job does not run again (status $status)" \
  test "$status" != 0 -a "$(count 'FAIL the seed Job did not run again' "$TMP/failover-reseed/summary.txt")" = 1
status="$(run_failover "$log" "$TMP/failover-no-election" FAKE_ELECTION_POLLS=100000 ELECTION_TIMEOUT_SECONDS=2)"
expect "failover run: fails when no other member becomes primary (status $status)" \
  grep -q 'no member other than mongo-1 became primary: not within 2s' "$log.out"

printf '%s passed, %s failed\n' "$passed" "$failed"
((failed == 0))
