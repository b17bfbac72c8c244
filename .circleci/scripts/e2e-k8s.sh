#!/usr/bin/env bash
# End-to-end deploy to a throwaway kind cluster with the images built earlier in the pipeline.
#
# Usage: .circleci/scripts/e2e-k8s.sh COMMAND
#   cluster IMAGES_DIR   create the kind cluster and load the three image tarballs into it
#   deploy               `helmfile -e $HELMFILE_ENVIRONMENT apply` (generic, or generic-ha: the replica set),
#                        release by release (mongo, seed, app), pointing each chart at the loaded image
#                        (image.repository/tag/pullPolicy)
#   wait                 wait for the seed Job to complete and the mongo and app rollouts
#   smoke                port-forward to the app Service and run smoke-test.sh through it
#   failover DIR         on generic-ha, failover.sh run DIR: the primary's pod killed under load, the API's
#                        answers and data checked (a standalone MongoDB has nothing to fail over to)
#   diagnostics DIR      write cluster state, events, pod logs and kind's logs to DIR
#   delete               delete the cluster
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

CLUSTER="${KIND_CLUSTER_NAME:-restaurant-e2e}"
NAMESPACE="${NAMESPACE:-restaurant}"
ENVIRONMENT="${HELMFILE_ENVIRONMENT:-generic}"
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-600}"
RELEASES=(mongo seed app)
INSTANCE_LABEL="app.kubernetes.io/instance"
# The CPU each replica-set member requests on the cluster's one node, which offers the machine's 2 CPUs: its control
# plane requests about 950m, the two API pods and the seed Job 250m each, so three members at the chart's 250m would
# not all be scheduled. Three at 80m request what the standalone's one member does.
MEMBER_CPU_REQUEST="${MEMBER_CPU_REQUEST:-80m}"

cluster() {
  local images="$1" component
  kind create cluster --name "$CLUSTER" --wait 120s
  for component in "${IMAGE_COMPONENTS[@]}"; do
    kind load image-archive --name "$CLUSTER" "$images/$component.tar"
  done
  kubectl cluster-info --context "kind-$CLUSTER"
}

deploy() {
  local release settings
  # The mongo chart generates the passwords and keeps them in its Secret.
  for release in "${RELEASES[@]}"; do
    settings=(
      --set "image.repository=${IMAGE_REPOSITORY[$release]}"
      --set "image.tag=$(image_tag)"
      --set "image.pullPolicy=Never"
    )
    if [[ "$release" == mongo && "$ENVIRONMENT" == generic-ha ]]; then
      settings+=(--set "resources.requests.cpu=$MEMBER_CPU_REQUEST")
    fi
    log "helmfile -e $ENVIRONMENT apply for release $release with $(image_ref "$release")"
    helmfile --environment "$ENVIRONMENT" --selector "name=$release" apply --suppress-secrets "${settings[@]}"
  done
  helm list --namespace "$NAMESPACE"
}

# Waits for the seed Job to finish: success if it completes, failure as soon as it fails.
wait_seed_job() {
  local jobs job conditions deadline
  jobs="$(kubectl --namespace "$NAMESPACE" get jobs --selector "$INSTANCE_LABEL=seed" --output name)"
  if [[ -z "$jobs" ]]; then
    # A Job run as a Helm hook may already be deleted after succeeding; helm knows its result.
    log "no seed Job left in the namespace; checking the release status instead"
    helm status seed --namespace "$NAMESPACE"
    return
  fi
  deadline=$((SECONDS + TIMEOUT_SECONDS))
  for job in $jobs; do
    while :; do
      conditions="$(kubectl --namespace "$NAMESPACE" get "$job" \
        --output jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')"
      case " $conditions " in
        *" Complete "*) log "$job completed"; break ;;
        *" Failed "*)
          kubectl --namespace "$NAMESPACE" logs "$job" --all-containers --tail=200 || true
          die "$job failed"
          ;;
      esac
      ((SECONDS < deadline)) || die "$job did not complete within ${TIMEOUT_SECONDS}s"
      sleep 5
    done
  done
}

wait_rollouts() {
  local release workloads workload
  for release in mongo app; do
    workloads="$(kubectl --namespace "$NAMESPACE" get deployments,statefulsets \
      --selector "$INSTANCE_LABEL=$release" --output name)"
    [[ -n "$workloads" ]] || die "no Deployment or StatefulSet labelled $INSTANCE_LABEL=$release"
    for workload in $workloads; do
      kubectl --namespace "$NAMESPACE" rollout status "$workload" --timeout "${TIMEOUT_SECONDS}s"
    done
  done
}

smoke() {
  local service port local_port="${LOCAL_PORT:-18080}" forward_pid
  read -r service port < <(app_service "$NAMESPACE") || die "no Service labelled $INSTANCE_LABEL=app"
  log "port-forwarding localhost:$local_port to service/$service:$port"
  kubectl --namespace "$NAMESPACE" port-forward "service/$service" "$local_port:$port" \
    > /tmp/port-forward.log 2>&1 &
  forward_pid=$!
  trap 'kill "$forward_pid" 2> /dev/null || true' EXIT
  "$HERE/smoke-test.sh" "http://127.0.0.1:$local_port"
}

failover() {
  if [[ "$ENVIRONMENT" != generic-ha ]]; then
    log "environment $ENVIRONMENT runs a standalone MongoDB: no failover test"
    return
  fi
  "$HERE/failover.sh" run "$1"
}

diagnostics() {
  local dir="$1" pod
  mkdir -p "$dir/pods"
  kubectl --namespace "$NAMESPACE" get all,jobs,configmaps,pvc,events --output wide > "$dir/resources.txt" 2>&1 || true
  kubectl --namespace "$NAMESPACE" describe pods,jobs > "$dir/describe.txt" 2>&1 || true
  helm list --all --namespace "$NAMESPACE" > "$dir/helm-list.txt" 2>&1 || true
  for pod in $(kubectl --namespace "$NAMESPACE" get pods --output name 2> /dev/null); do
    kubectl --namespace "$NAMESPACE" logs "$pod" --all-containers --prefix \
      > "$dir/pods/${pod#pod/}.log" 2>&1 || true
  done
  kind export logs --name "$CLUSTER" "$dir/kind" > /dev/null 2>&1 || true
}

case "${1:-}" in
  cluster) [[ $# -eq 2 ]] || die "usage: $0 cluster IMAGES_DIR"; cluster "$2" ;;
  deploy) deploy ;;
  wait) wait_seed_job; wait_rollouts ;;
  smoke) smoke ;;
  failover) [[ $# -eq 2 ]] || die "usage: $0 failover DIR"; failover "$2" ;;
  diagnostics) [[ $# -eq 2 ]] || die "usage: $0 diagnostics DIR"; diagnostics "$2" ;;
  delete) kind delete cluster --name "$CLUSTER" ;;
  -h | --help) usage "$0" ;;
  *) usage "$0" >&2; exit 2 ;;
esac
