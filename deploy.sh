#!/usr/bin/env bash
# Deploys restaurant-api (MongoDB, the dataset, the API) to a local microk8s with helmfile.
# Run ./deploy.sh help for the commands and options. Safe to run again: every step converges.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
readonly ROOT
readonly NAMESPACE="restaurant"
readonly REGISTRY="localhost:32000"
readonly VERSION="1.0.0"
readonly RESTAURANT_ID="55f14313c7447c3da705224b"
# helm-diff passes --dry-run=server (helmfile.yaml's diffArgs) to helm template from 3.9.4 on, and only to Helm 3.13+.
readonly MIN_HELM_VERSION="3.13.0"
readonly MIN_HELM_DIFF_VERSION="3.9.4"
# release, image name and Dockerfile, one triple per image
readonly IMAGES=(
  "app:restaurant-api:Dockerfile"
  "seed:restaurant-api-seed:Dockerfile.seed"
  "mongo:restaurant-api-mongo:Dockerfile.mongo"
)
# helmfile state values naming the images just built, filled by build_images
IMAGE_VALUES=()
# the private copy of microk8s' kubeconfig, removed on exit
KUBECONFIG_COPY=""
# the helmfile environment: --environment, else HELMFILE_ENVIRONMENT, else microk8s (set by main)
ENVIRONMENT=""

usage() {
  cat <<EOF
Usage: ./deploy.sh [--environment <name>] <command>

Deploys restaurant-api to microk8s: MongoDB with a persistent volume, the dataset, and the API behind the
microk8s ingress, in namespace "${NAMESPACE}".

Commands:
  up       check prerequisites, enable the microk8s add-ons (dns, hostpath-storage, ingress, registry),
           build and push the images, helmfile apply, wait for the rollouts and the seed Job,
           smoke-test the API and print its URL
  test     run the chart's in-cluster test and print its logs (helm test app --namespace ${NAMESPACE} --logs)
  down     helmfile destroy (the MongoDB volume and its Secret are kept; see below)
  status   show the releases, pods, services, ingress and volume claims
  images   build the three images and push them to the microk8s registry (${REGISTRY}) only
  help     show this help (also -h, --help)

Options:
  -e, --environment <name>
           the helmfile environment of up and down: microk8s (the default: one MongoDB, a Deployment) or
           ha (MongoDB as a three-member replica set, a StatefulSet); also HELMFILE_ENVIRONMENT=<name>

Each image is tagged ${VERSION}-<first 12 hex digits of its image ID> as well as ${VERSION}, and 'up' deploys the
first tag: a rebuilt image rolls its pods and re-runs the seed Job, an unchanged one changes nothing.

Environment:
  HELMFILE_ENVIRONMENT   helmfile environment when --environment is not given (default: microk8s)
  IMAGE_IMPORT=1         import the images with 'microk8s ctr image import' instead of pushing them
                         to the registry add-on

helm and helmfile reach microk8s through the kubeconfig 'microk8s config' prints, whatever ~/.kube/config says.

To start again from an empty database after 'down':
  microk8s kubectl delete namespace ${NAMESPACE}
EOF
}

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

kubectl() { microk8s kubectl "$@"; }

require() {
  local command="$1" hint="$2"
  command -v "${command}" >/dev/null 2>&1 || die "${command} not found. ${hint}"
}

# version_at_least HAVE WANT: true if version HAVE (a leading v is ignored) is WANT or later
version_at_least() {
  local have="${1#v}" want="${2#v}"
  [[ "$(printf '%s\n%s\n' "${want}" "${have}" | sort -V | head -n 1)" == "${want}" ]]
}

check_helm() {
  local helm_version diff_version
  require helm "Install Helm 3: https://helm.sh/docs/intro/install/ (or: sudo snap install helm --classic)"
  helm_version="$(helm version --template '{{.Version}}' 2>/dev/null)" || die "cannot run helm version"
  version_at_least "${helm_version}" "${MIN_HELM_VERSION}" \
    || die "helm ${helm_version} is too old: helmfile's diff needs Helm ${MIN_HELM_VERSION} or later (https://helm.sh/docs/intro/install/)"
  diff_version="$(helm plugin list 2>/dev/null | awk '$1 == "diff" { print $2 }')"
  [[ -n "${diff_version}" ]] \
    || die "the helm-diff plugin (used by 'helmfile apply') is missing. Install it: helm plugin install https://github.com/databus23/helm-diff"
  version_at_least "${diff_version}" "${MIN_HELM_DIFF_VERSION}" \
    || die "helm-diff ${diff_version} is too old: it needs ${MIN_HELM_DIFF_VERSION} or later for --dry-run=server. Update it: helm plugin update diff"
}

check_prerequisites() {
  require microk8s "Install it: sudo snap install microk8s --classic (https://microk8s.io/docs/getting-started)"
  check_helm
  require helmfile "Install helmfile: https://helmfile.readthedocs.io/en/latest/#installation"
  require docker "Install Docker Engine: https://docs.docker.com/engine/install/"
  microk8s status --wait-ready --timeout 120 >/dev/null \
    || die "microk8s is not running. Start it: microk8s start (and add yourself to the microk8s group: sudo usermod -a -G microk8s \$USER)"
  docker info >/dev/null 2>&1 \
    || die "cannot reach the Docker daemon. Start it (sudo systemctl start docker) or add yourself to the docker group."
}

use_microk8s_kubeconfig() {
  # microk8s keeps its kubeconfig to itself (microk8s kubectl): helm and helmfile get a private copy of it
  KUBECONFIG_COPY="$(mktemp)"
  trap 'rm -f "${KUBECONFIG_COPY}"' EXIT
  chmod 600 "${KUBECONFIG_COPY}"
  microk8s config >"${KUBECONFIG_COPY}" || die "microk8s config failed: is microk8s running (microk8s status)?"
  export KUBECONFIG="${KUBECONFIG_COPY}"
}

enable_addons() {
  local addon
  for addon in dns hostpath-storage ingress registry; do
    if microk8s status --format short 2>/dev/null | grep -q "^core/${addon}: enabled"; then
      log "add-on ${addon} already enabled"
    else
      log "enabling add-on ${addon}"
      microk8s enable "${addon}"
    fi
  done
  log "waiting for the registry add-on"
  kubectl --namespace container-registry rollout status deployment/registry --timeout=180s
}

# The commit the images are built from, for /actuator/info; empty outside a git checkout of this repository.
git_commit() {
  local toplevel
  command -v git >/dev/null 2>&1 || return 0
  toplevel="$(git -C "${ROOT}" rev-parse --show-toplevel 2>/dev/null)" || return 0
  [[ "$(cd "${toplevel}" && pwd -P)" == "${ROOT}" ]] || return 0
  git -C "${ROOT}" rev-parse --verify --quiet HEAD || true
}

# A tag derived from the image's content: the same build gives the same tag, a changed one a new tag. It works with
# the registry and with 'ctr image import' alike, where a registry digest (RepoDigests) exists only after a push.
content_tag() {
  local image="$1" id
  id="$(docker image inspect --format '{{.Id}}' "${image}")" || die "cannot inspect ${image}"
  [[ "${id}" =~ ^sha256:([0-9a-f]{64})$ ]] || die "unexpected image ID '${id}' for ${image}"
  printf '%s-%s\n' "${VERSION}" "${BASH_REMATCH[1]:0:12}"
}

build_images() {
  local entry release rest name dockerfile image tag commit
  local build_args=()
  commit="$(git_commit)"
  if [[ -n "${commit}" ]]; then
    build_args+=(--build-arg "GIT_COMMIT=${commit}")
  else
    log "not a git checkout: building without GIT_COMMIT"
  fi
  IMAGE_VALUES=()
  for entry in "${IMAGES[@]}"; do
    release="${entry%%:*}"
    rest="${entry#*:}"
    name="${rest%%:*}"
    dockerfile="${rest#*:}"
    [[ -f "${ROOT}/${dockerfile}" ]] || die "${dockerfile} not found in ${ROOT}"
    image="${REGISTRY}/${name}"
    log "building ${image}:${VERSION} from ${dockerfile}"
    docker build --file "${ROOT}/${dockerfile}" --tag "${image}:${VERSION}" ${build_args[@]+"${build_args[@]}"} "${ROOT}"
    tag="$(content_tag "${image}:${VERSION}")"
    docker tag "${image}:${VERSION}" "${image}:${tag}"
    if [[ "${IMAGE_IMPORT:-0}" == "1" ]]; then
      log "importing ${image}:${tag} into microk8s"
      docker save "${image}:${tag}" "${image}:${VERSION}" | microk8s ctr image import -
    else
      log "pushing ${image}:${tag} to the microk8s registry"
      docker push "${image}:${tag}"
      docker push "${image}:${VERSION}"
    fi
    # A tag names one content, so a node that has it need not ask the registry (and imported images have none).
    IMAGE_VALUES+=(
      --state-values-set-string "${release}.image.repository=${image}"
      --state-values-set-string "${release}.image.tag=${tag}"
      --state-values-set-string "${release}.image.pullPolicy=IfNotPresent"
    )
  done
}

apply() {
  local args=(--environment "${ENVIRONMENT}" ${IMAGE_VALUES[@]+"${IMAGE_VALUES[@]}"} apply --suppress-secrets)
  log "helmfile ${args[*]}"
  (cd "${ROOT}" && helmfile "${args[@]}")
}

wait_ready() {
  log "waiting for MongoDB, the seed Job and the API"
  # the ha environment runs MongoDB as a replica set, in a StatefulSet
  if kubectl --namespace "${NAMESPACE}" get statefulset/mongo >/dev/null 2>&1; then
    kubectl --namespace "${NAMESPACE}" rollout status statefulset/mongo --timeout=600s
  else
    kubectl --namespace "${NAMESPACE}" rollout status deployment/mongo --timeout=300s
  fi
  if kubectl --namespace "${NAMESPACE}" get job/seed >/dev/null 2>&1; then
    kubectl --namespace "${NAMESPACE}" wait --for=condition=complete job/seed --timeout=600s \
      || die "the seed Job did not complete: microk8s kubectl --namespace ${NAMESPACE} logs job/seed"
  fi
  kubectl --namespace "${NAMESPACE}" rollout status deployment/app --timeout=300s
}

smoke_test() {
  local url="http://127.0.0.1/api/v1/restaurant" attempt
  log "smoke-testing ${url}"
  for attempt in $(seq 1 30); do
    if curl --fail --silent --show-error --max-time 10 "${url}" | grep -q '^\[' \
      && curl --fail --silent --show-error --max-time 10 "${url}/${RESTAURANT_ID}" | grep -q "${RESTAURANT_ID}"; then
      log "the API answers: ${url}  (and ${url}/${RESTAURANT_ID})"
      return 0
    fi
    log "not yet (attempt ${attempt}/30)"
    sleep 5
  done
  die "the API did not answer at ${url}: microk8s kubectl --namespace ${NAMESPACE} get pods,ingress"
}

cmd_up() {
  check_prerequisites
  use_microk8s_kubeconfig
  enable_addons
  build_images
  apply
  wait_ready
  smoke_test
  log "done: http://127.0.0.1/api/v1/restaurant"
  log "in-cluster check: ./deploy.sh test  (helm test app --namespace ${NAMESPACE} --logs, with microk8s' kubeconfig)"
}

cmd_test() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  require helm "Install Helm 3: https://helm.sh/docs/intro/install/ (or: sudo snap install helm --classic)"
  use_microk8s_kubeconfig
  log "helm test app --namespace ${NAMESPACE} --logs"
  helm test app --namespace "${NAMESPACE}" --logs
}

cmd_down() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  require helmfile "Install helmfile: https://helmfile.readthedocs.io/en/latest/#installation"
  use_microk8s_kubeconfig
  log "helmfile destroy (the MongoDB volume claim and Secret are kept)"
  (cd "${ROOT}" && helmfile --environment "${ENVIRONMENT}" destroy)
}

cmd_status() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  use_microk8s_kubeconfig
  if command -v helm >/dev/null 2>&1; then
    helm list --namespace "${NAMESPACE}"
  fi
  kubectl --namespace "${NAMESPACE}" get deployments,statefulsets,pods,services,ingresses,jobs,persistentvolumeclaims
}

cmd_images() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  require docker "Install Docker Engine: https://docs.docker.com/engine/install/"
  enable_addons
  build_images
}

usage_error() { printf 'error: %s (./deploy.sh help lists the commands and options)\n' "$*" >&2; exit 2; }

main() {
  ENVIRONMENT="${HELMFILE_ENVIRONMENT:-microk8s}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -e | --environment)
        [[ $# -ge 2 ]] || usage_error "$1 needs an environment name (microk8s or ha)"
        ENVIRONMENT="$2"
        shift 2
        ;;
      --environment=*) ENVIRONMENT="${1#--environment=}"; shift ;;
      *) break ;;
    esac
  done
  case "${ENVIRONMENT}" in
    microk8s | ha) ;;
    *) usage_error "unknown environment \"${ENVIRONMENT}\" (microk8s or ha)" ;;
  esac
  case "${1:-help}" in
    up) cmd_up ;;
    test) cmd_test ;;
    down) cmd_down ;;
    status) cmd_status ;;
    images) cmd_images ;;
    help | -h | --help) usage ;;
    *) usage_error "unknown command \"$1\"" ;;
  esac
}

main "$@"
