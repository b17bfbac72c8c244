#!/usr/bin/env bash
# Measures the service's startup: from `java -jar` to a ready readiness probe, repeated; prints each run and the median.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/startup.sh [--as-image] [--runs N] [--mode embedded|mongodb|both] [--keep] [--help]

Starts target/restaurant-api.jar (built when missing) N times per mode, each time measuring from the launch of
`java -jar` until GET /actuator/health/readiness answers 200 on 127.0.0.1, then stops it. Prints a Markdown table
of every run (with Spring Boot's own "Started … in" figure) and the median of each mode.

Modes:
  embedded   SPRING_PROFILES_ACTIVE=embedded: the in-process database, loaded with the dataset before ready
             (RESTAURANT_DATASET, else data/restaurant.json)
  mongodb    against MONGODB_URI, else against mongo-java-server's in-memory backend, started in a process of
             its own and seeded once before the first run
  both       (default) embedded, then mongodb

Options:
  --as-image run the service as the image does: the image's JDK feature release (IMAGE_JAVA_HOME, else
             JAVA_HOME), the extracted layout, the AOT cache of the image's training run, the ENTRYPOINT and
             JAVA_TOOL_OPTIONS of the Dockerfile, and the JVM seeing the app chart's default limits (as bench/run.sh)
  --runs N   runs per mode (default 5)
  --keep     keep the working directory (logs) and say where it is
  -h, --help this text

Environment: HEAP (512m) the -Xmx (not with --as-image); JAVA_OPTS more JVM options; JAR (target/restaurant-api.jar)
the jar; SERVER_PORT (18081) and MONGO_PORT (18017), the first ports tried; READY_TIMEOUT (120) seconds per run.
Exit status: 0 when every run became ready, 1 otherwise, 2 on a usage error.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

runs=5
modes=(embedded mongodb)
as_image=0
while (($# > 0)); do
  case $1 in
    --as-image) as_image=1; shift ;;
    --runs)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench/startup.sh: --runs needs a whole number of at least 1" >&2; exit 2; }
      runs=$2
      shift 2
      ;;
    --mode)
      case ${2:-} in
        embedded | mongodb) modes=("$2") ;;
        both) modes=(embedded mongodb) ;;
        *) echo "bench/startup.sh: --mode is embedded, mongodb or both" >&2; exit 2 ;;
      esac
      shift 2
      ;;
    --keep) KEEP_WORK=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench/startup.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
HEAP=${HEAP:-512m}
read -r -a JAVA_OPTIONS <<<"${JAVA_OPTS:-}"

require_command java "a JDK 17 or newer"
require_command curl "apt-get install curl"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/restaurant-startup.XXXXXX")
install_traps
ensure_jar
((as_image == 0)) || use_image_runtime
dataset=$(default_dataset)

# once MODE RUN: starts the service, waits for readiness, records the time, stops it.
once() {
  local mode=$1 run=$2 port started_ns ready_ns pid log spring
  port=$(free_port "${SERVER_PORT:-18081}")
  log="$WORK/$mode-$run.log"
  started_ns=$(date +%s%N)
  if [[ $mode == embedded ]]; then
    start_service "$log" -u MONGODB_URI SPRING_PROFILES_ACTIVE=embedded RESTAURANT_DATASET="$dataset" SERVER_PORT="$port"
  else
    start_service "$log" MONGODB_URI="$database_uri" SERVER_PORT="$port"
  fi
  pid=$SERVICE_PID
  wait_for_http "http://127.0.0.1:$port/actuator/health/readiness" "${READY_TIMEOUT:-120}" "$pid" \
    || die "$mode run $run did not become ready; the end of its log: $(tail -n 20 "$log")"
  ready_ns=$(date +%s%N)
  stop "$pid"
  spring=$(sed -nE 's/.*Started [A-Za-z]+ in ([0-9.]+) seconds \(process running for ([0-9.]+)\).*/\1 s | \2 s/p' "$log" | head -n 1)
  awk -v ns=$((ready_ns - started_ns)) 'BEGIN { printf "%.2f\n", ns / 1e9 }' >"$WORK/$mode-$run.seconds"
  echo "| $mode | $run | $(cat "$WORK/$mode-$run.seconds") s | ${spring:-? | ?} |"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

database_label=""
if [[ " ${modes[*]} " == *" mongodb "* ]]; then
  if [[ -n ${MONGODB_URI:-} ]]; then
    database_uri=$MONGODB_URI
    database_label="the MongoDB at MONGODB_URI"
  else
    start_memory_mongo
    database_uri=$MEMORY_MONGO_URI
    database_label="mongo-java-server 1.47 memory backend, own process"
    seed "$database_uri" "$dataset"
  fi
fi

echo "| mode | run | JVM launch → ready | Spring \"Started … in\" | JVM \"process running for\" |"
echo "|---|---:|---:|---:|---:|"
for mode in "${modes[@]}"; do
  for ((run = 1; run <= runs; run++)); do
    log "$mode: run $run of $runs"
    once "$mode" "$run"
  done
done
echo
for mode in "${modes[@]}"; do
  echo "Median, $mode: $(cat "$WORK/$mode"-*.seconds | median) s to ready over $runs runs."
done
echo "Dataset: $(wc -l <"$dataset" | tr -d ' ') restaurants from $(basename "$dataset")${database_label:+; mongodb mode: $database_label}."
echo "Service: $(service_label); $(nproc) CPUs."
