#!/usr/bin/env bash
# Deploys restaurant-api (MongoDB, the dataset, the API) to a local microk8s with helmfile.
# Run ./deploy.sh help for the commands. Safe to run again: every step converges.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly NAMESPACE="restaurant"
readonly REGISTRY="localhost:32000"
readonly VERSION="1.0.0"
readonly RESTAURANT_ID="55f14313c7447c3da705224b"
# image name and Dockerfile, one pair per image
readonly IMAGES=(
  "restaurant-api:Dockerfile"
  "restaurant-api-seed:Dockerfile.seed"
  "restaurant-api-mongo:Dockerfile.mongo"
)

usage() {
  cat <<EOF
Usage: ./deploy.sh <command>

Deploys restaurant-api to microk8s: MongoDB with a persistent volume, the dataset, and the API behind the
microk8s ingress, in namespace "${NAMESPACE}".

Commands:
  up       check prerequisites, enable the microk8s add-ons (dns, hostpath-storage, ingress, registry),
           build and push the images, helmfile apply, wait for the rollouts and the seed Job,
           smoke-test the API and print its URL
  down     helmfile destroy (the MongoDB volume and its Secret are kept; see below)
  status   show the releases, pods, services, ingress and volume claims
  images   build the three images and push them to the microk8s registry (${REGISTRY}) only
  help     show this help (also -h, --help)

Environment:
  HELMFILE_ENVIRONMENT   helmfile environment (default: microk8s)
  IMAGE_IMPORT=1         import the images with 'microk8s ctr image import' instead of pushing them
                         to the registry add-on (the pods then use image.pullPolicy=IfNotPresent; after a
                         rebuild, restart them: microk8s kubectl -n ${NAMESPACE} rollout restart deployment/app)

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

check_prerequisites() {
  require microk8s "Install it: sudo snap install microk8s --classic (https://microk8s.io/docs/getting-started)"
  require helm "Install Helm 3: https://helm.sh/docs/intro/install/ (or: sudo snap install helm --classic)"
  require helmfile "Install helmfile: https://helmfile.readthedocs.io/en/latest/#installation"
  require docker "Install Docker Engine: https://docs.docker.com/engine/install/"
  helm plugin list 2>/dev/null | grep -q '^diff' \
    || die "the helm-diff plugin (used by 'helmfile apply') is missing. Install it: helm plugin install https://github.com/databus23/helm-diff"
  microk8s status --wait-ready --timeout 120 >/dev/null \
    || die "microk8s is not running. Start it: microk8s start (and add yourself to the microk8s group: sudo usermod -a -G microk8s \$USER)"
  docker info >/dev/null 2>&1 \
    || die "cannot reach the Docker daemon. Start it (sudo systemctl start docker) or add yourself to the docker group."
}

use_microk8s_kubeconfig() {
  # helm and helmfile talk to microk8s through its own kubeconfig, whatever ~/.kube/config says
  local kubeconfig
  kubeconfig="$(mktemp)"
  microk8s config >"${kubeconfig}"
  chmod 600 "${kubeconfig}"
  export KUBECONFIG="${kubeconfig}"
  trap 'rm -f "${KUBECONFIG}"' EXIT
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

build_images() {
  local entry name dockerfile
  for entry in "${IMAGES[@]}"; do
    name="${entry%%:*}"
    dockerfile="${entry#*:}"
    [[ -f "${ROOT}/${dockerfile}" ]] || die "${dockerfile} not found in ${ROOT}"
    log "building ${REGISTRY}/${name}:${VERSION} from ${dockerfile}"
    docker build --file "${ROOT}/${dockerfile}" --tag "${REGISTRY}/${name}:${VERSION}" "${ROOT}"
    if [[ "${IMAGE_IMPORT:-0}" == "1" ]]; then
      log "importing ${name} into microk8s"
      docker save "${REGISTRY}/${name}:${VERSION}" | microk8s ctr image import -
    else
      log "pushing ${name} to the microk8s registry"
      docker push "${REGISTRY}/${name}:${VERSION}"
    fi
  done
}

# The charts pull with the same tag on every build: restart a Deployment whose pods run another image digest.
restart_if_image_changed() {
  local deployment="$1" image="$2" pushed running
  pushed="$(docker image inspect --format '{{join .RepoDigests " "}}' "${image}" 2>/dev/null | tr ' ' '\n' | grep -o 'sha256:[0-9a-f]*' | head -n 1 || true)"
  running="$(kubectl --namespace "${NAMESPACE}" get pods --selector "app.kubernetes.io/name=${deployment}" \
    --output jsonpath='{range .items[*]}{.status.containerStatuses[0].imageID}{"\n"}{end}' | grep -o 'sha256:[0-9a-f]*' | sort -u || true)"
  if [[ -n "${pushed}" && -n "${running}" && "${running}" != "${pushed}" ]]; then
    log "new ${image}: restarting deployment/${deployment}"
    kubectl --namespace "${NAMESPACE}" rollout restart "deployment/${deployment}"
  fi
}

apply() {
  local args=(--environment "${HELMFILE_ENVIRONMENT:-microk8s}" apply --suppress-secrets)
  if [[ "${IMAGE_IMPORT:-0}" == "1" ]]; then
    # imported images exist on the node only: never try to pull them
    args+=(--set image.pullPolicy=IfNotPresent)
  fi
  log "helmfile ${args[*]}"
  (cd "${ROOT}" && helmfile "${args[@]}")
  restart_if_image_changed mongo "${REGISTRY}/restaurant-api-mongo:${VERSION}"
  restart_if_image_changed app "${REGISTRY}/restaurant-api:${VERSION}"
}

wait_ready() {
  log "waiting for MongoDB, the seed Job and the API"
  kubectl --namespace "${NAMESPACE}" rollout status deployment/mongo --timeout=300s
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
  log "done: http://127.0.0.1/api/v1/restaurant  (helm test app --namespace ${NAMESPACE} runs the in-cluster check)"
}

cmd_down() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  require helmfile "Install helmfile: https://helmfile.readthedocs.io/en/latest/#installation"
  use_microk8s_kubeconfig
  log "helmfile destroy (the MongoDB volume claim and Secret are kept)"
  (cd "${ROOT}" && helmfile --environment "${HELMFILE_ENVIRONMENT:-microk8s}" destroy)
}

cmd_status() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  use_microk8s_kubeconfig
  if command -v helm >/dev/null 2>&1; then
    helm list --namespace "${NAMESPACE}"
  fi
  kubectl --namespace "${NAMESPACE}" get deployments,pods,services,ingresses,jobs,persistentvolumeclaims
}

cmd_images() {
  require microk8s "Install it: sudo snap install microk8s --classic"
  require docker "Install Docker Engine: https://docs.docker.com/engine/install/"
  enable_addons
  build_images
}

main() {
  case "${1:-help}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    images) cmd_images ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
