#!/usr/bin/env bash
# Installs the command-line tools the CircleCI jobs need, each at a pinned version,
# into /usr/local/bin (or a virtualenv for yamllint). Every download is checked against
# the SHA-256 published next to it by the upstream project before it is installed.
#
# Usage: .circleci/scripts/install-tools.sh TOOL...
#   TOOL: kind | kubectl | helm | helm-diff | helmfile | yamllint
set -euo pipefail

# Pinned versions: bump them deliberately, one pull request at a time.
KIND_VERSION="v0.30.0"        # default node image: kindest/node v1.34
KUBECTL_VERSION="v1.34.0"     # matches the kind node's Kubernetes minor version
HELM_VERSION="v3.19.0"
HELM_DIFF_VERSION="v3.13.1"   # helm plugin that `helmfile apply` needs
HELMFILE_VERSION="1.1.7"
YAMLLINT_VERSION="1.37.1"

BIN_DIR="${BIN_DIR:-/usr/local/bin}"
YAMLLINT_VENV="${YAMLLINT_VENV:-$HOME/.venvs/yamllint}"

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch URL FILE
fetch() {
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"
}

# verify FILE EXPECTED_SHA256
verify() {
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$actual" != "$2" ]]; then
    printf 'error: checksum mismatch for %s (expected %s, got %s)\n' "$1" "$2" "$actual" >&2
    exit 1
  fi
}

install_bin() {
  sudo install -m 0755 "$1" "$BIN_DIR/$2"
}

install_kind() {
  local url="https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}/kind-linux-amd64"
  fetch "$url" "$WORK/kind"
  fetch "$url.sha256sum" "$WORK/kind.sha256sum"
  verify "$WORK/kind" "$(cut -d' ' -f1 "$WORK/kind.sha256sum")"
  install_bin "$WORK/kind" kind
  kind version
}

install_kubectl() {
  local url="https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl"
  fetch "$url" "$WORK/kubectl"
  fetch "$url.sha256" "$WORK/kubectl.sha256"
  verify "$WORK/kubectl" "$(tr -d '[:space:]' < "$WORK/kubectl.sha256")"
  install_bin "$WORK/kubectl" kubectl
  kubectl version --client
}

install_helm() {
  local archive="helm-${HELM_VERSION}-linux-amd64.tar.gz"
  fetch "https://get.helm.sh/${archive}" "$WORK/$archive"
  fetch "https://get.helm.sh/${archive}.sha256sum" "$WORK/$archive.sha256sum"
  verify "$WORK/$archive" "$(cut -d' ' -f1 "$WORK/$archive.sha256sum")"
  tar -xzf "$WORK/$archive" -C "$WORK" linux-amd64/helm
  install_bin "$WORK/linux-amd64/helm" helm
  helm version --short
}

install_helm_diff() {
  command -v helm > /dev/null || install_helm
  if helm plugin list | grep -q '^diff'; then
    helm plugin uninstall diff
  fi
  helm plugin install https://github.com/databus23/helm-diff --version "$HELM_DIFF_VERSION"
  helm diff version
}

install_helmfile() {
  local archive="helmfile_${HELMFILE_VERSION}_linux_amd64.tar.gz"
  local base="https://github.com/helmfile/helmfile/releases/download/v${HELMFILE_VERSION}"
  fetch "$base/$archive" "$WORK/$archive"
  fetch "$base/helmfile_${HELMFILE_VERSION}_checksums.txt" "$WORK/checksums.txt"
  verify "$WORK/$archive" "$(awk -v f="$archive" '$2 == f { print $1 }' "$WORK/checksums.txt")"
  tar -xzf "$WORK/$archive" -C "$WORK" helmfile
  install_bin "$WORK/helmfile" helmfile
  helmfile version
}

install_yamllint() {
  python3 -m venv "$YAMLLINT_VENV"
  "$YAMLLINT_VENV/bin/pip" install --quiet --disable-pip-version-check "yamllint==${YAMLLINT_VERSION}"
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
    *) printf 'error: unknown tool %s\n' "$tool" >&2; usage >&2; exit 2 ;;
  esac
done
