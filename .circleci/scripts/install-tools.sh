#!/usr/bin/env bash
# Installs the command-line tools the CircleCI jobs need, each at a pinned version, into
# /usr/local/bin (yamllint into a virtualenv). Every download is checked against a SHA-256
# pinned below before anything is unpacked or installed (helmfile: see HELMFILE_SHA256), and a
# mismatch stops the job.
# helm-diff is installed from its checksum-verified release archive (not by `helm plugin
# install URL`, which would fetch it unchecked), and yamllint with `pip --require-hashes`
# from .circleci/yamllint-requirements.txt.
#
# Usage: .circleci/scripts/install-tools.sh TOOL...
#   TOOL: kind | kubectl | helm | helm-diff | helmfile | yamllint | cosign
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Pinned versions and the SHA-256 of each linux/amd64 download. Bump a version together with
# its checksum, one tool at a time; docs/pipelines.md says where each checksum was taken from.
KIND_VERSION="v0.33.0"        # default node image: kindest/node v1.37.0, pinned by digest in kind
KIND_SHA256="aee6151561422756b764a4ae28e7f44cda5af5a9eead3cc9985112b1de8d8e0d"
KUBECTL_VERSION="v1.37.0"     # the kind node's Kubernetes minor version
KUBECTL_SHA256="6129359f4e1f3848a5572ccb0b26cf28b8ca08cef38c95a765b2f64a2c961a2f"
HELM_VERSION="v3.22.0"        # the last Helm 3 minor release; Helm 3 security fixes end 2027-02-10
HELM_SHA256="1e4ab49e429626cf6c6958d914248b78c9730803c2751b87627e171dc800e7bb"
HELM_DIFF_VERSION="v3.15.10"  # helm plugin that `helmfile apply` needs
HELM_DIFF_SHA256="ffeff863e4a3cbe83282a13a55ee972f7497966dfb66f326a117f9b094fff161"
HELMFILE_VERSION="1.1.7"
# No SHA-256 of helmfile_1.1.7_linux_amd64.tar.gz could be pinned from a source independent of
# the release itself, so helmfile alone is checked against the checksums file published with the
# same release: that catches a damaged download, not a replaced release. Pin HELMFILE_SHA256
# (and drop this exception) with the next helmfile bump.
HELMFILE_SHA256=""
YAMLLINT_REQUIREMENTS="$HERE/../yamllint-requirements.txt"  # yamllint 1.37.1, hash-pinned
COSIGN_VERSION="v3.1.2"       # signs the published images (sign.sh); cosign v3 flags
COSIGN_SHA256="f7622ed3cf22e55e1ae6377c080979ff77a22da9981c11df222a2e444991e7cf"

BIN_DIR="${BIN_DIR:-/usr/local/bin}"
YAMLLINT_VENV="${YAMLLINT_VENV:-$HOME/.venvs/yamllint}"
# helm links an installed local plugin to its directory, so the unpacked archive is kept here.
HELM_DIFF_HOME="${HELM_DIFF_HOME:-$HOME/.local/share/helm-diff}"

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch URL FILE
fetch() {
  curl --fail --silent --show-error --location --retry 3 --proto '=https' --tlsv1.2 \
    --output "$2" "$1" || die "could not download $1"
}

# verify FILE EXPECTED_SHA256 — the expected value is one of the pins above.
verify() {
  local actual
  [[ "$2" =~ ^[0-9a-f]{64}$ ]] || die "no valid SHA-256 pinned for $1"
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$actual" != "$2" ]]; then
    die "checksum mismatch for $1 (expected $2, got $actual)"
  fi
}

install_bin() {
  sudo install -m 0755 "$1" "$BIN_DIR/$2"
}

install_kind() {
  fetch "https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}/kind-linux-amd64" "$WORK/kind"
  verify "$WORK/kind" "$KIND_SHA256"
  install_bin "$WORK/kind" kind
  kind version
}

install_kubectl() {
  fetch "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl" "$WORK/kubectl"
  verify "$WORK/kubectl" "$KUBECTL_SHA256"
  install_bin "$WORK/kubectl" kubectl
  kubectl version --client
}

install_helm() {
  local archive="helm-${HELM_VERSION}-linux-amd64.tar.gz"
  fetch "https://get.helm.sh/${archive}" "$WORK/$archive"
  verify "$WORK/$archive" "$HELM_SHA256"
  tar -xzf "$WORK/$archive" -C "$WORK" linux-amd64/helm
  install_bin "$WORK/linux-amd64/helm" helm
  helm version --short
}

install_helm_diff() {
  command -v helm > /dev/null || install_helm
  local archive="helm-diff-linux-amd64.tgz"
  local dir="$HELM_DIFF_HOME/$HELM_DIFF_VERSION"
  fetch "https://github.com/databus23/helm-diff/releases/download/${HELM_DIFF_VERSION}/${archive}" "$WORK/$archive"
  verify "$WORK/$archive" "$HELM_DIFF_SHA256"
  # The release archive holds the whole plugin (plugin.yaml, bin/diff, hooks) under diff/.
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xzf "$WORK/$archive" -C "$dir"
  [[ -f "$dir/diff/plugin.yaml" && -x "$dir/diff/bin/diff" ]] || die "$archive does not hold diff/plugin.yaml and diff/bin/diff"
  if helm plugin list | awk 'NR > 1 { print $1 }' | grep -qx diff; then
    helm plugin uninstall diff
  fi
  # A local directory is installed as is; SKIP_BIN_INSTALL=1 makes the plugin's install hook
  # keep the verified binary instead of downloading one.
  SKIP_BIN_INSTALL=1 helm plugin install "$dir/diff"
  helm diff version
}

install_helmfile() {
  local archive="helmfile_${HELMFILE_VERSION}_linux_amd64.tar.gz"
  local base="https://github.com/helmfile/helmfile/releases/download/v${HELMFILE_VERSION}"
  local expected="$HELMFILE_SHA256"
  fetch "$base/$archive" "$WORK/$archive"
  if [[ -z "$expected" ]]; then
    # The documented exception above: the release's own checksums file.
    fetch "$base/helmfile_${HELMFILE_VERSION}_checksums.txt" "$WORK/checksums.txt"
    expected="$(awk -v f="$archive" '$2 == f { print $1 }' "$WORK/checksums.txt")"
  fi
  verify "$WORK/$archive" "$expected"
  tar -xzf "$WORK/$archive" -C "$WORK" helmfile
  install_bin "$WORK/helmfile" helmfile
  helmfile version
}

install_cosign() {
  fetch "https://github.com/sigstore/cosign/releases/download/${COSIGN_VERSION}/cosign-linux-amd64" "$WORK/cosign"
  verify "$WORK/cosign" "$COSIGN_SHA256"
  install_bin "$WORK/cosign" cosign
  cosign version
}

install_yamllint() {
  [[ -f "$YAMLLINT_REQUIREMENTS" ]] || die "$YAMLLINT_REQUIREMENTS not found"
  python3 -m venv "$YAMLLINT_VENV"
  "$YAMLLINT_VENV/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir \
    --require-hashes --only-binary :all: --no-deps --requirement "$YAMLLINT_REQUIREMENTS"
  sudo ln -sf "$YAMLLINT_VENV/bin/yamllint" "$BIN_DIR/yamllint"
  yamllint --version
}

if [[ $# -eq 0 ]]; then
  usage >&2
  exit 2
fi

for tool in "$@"; do
  case "$tool" in
    -h | --help) usage; exit 0 ;;
    kind) install_kind ;;
    kubectl) install_kubectl ;;
    helm) install_helm ;;
    helm-diff) install_helm_diff ;;
    helmfile) install_helmfile ;;
    yamllint) install_yamllint ;;
    cosign) install_cosign ;;
    *) printf 'error: unknown tool %s\n' "$tool" >&2; usage >&2; exit 2 ;;
  esac
done
