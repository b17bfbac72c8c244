# shellcheck shell=bash
# Shared by bench/run.sh and bench/startup.sh: logging, ports, waiting, the processes they start and their cleanup.
# Sourced, not run. Expects ROOT (the repository root) and WORK (a private temporary directory) to be set.

JAR=${JAR:-target/restaurant-api.jar}
STARTED_PIDS=()

log() {
  printf 'bench: %s\n' "$*" >&2
}

die() {
  printf 'bench: error: %s\n' "$*" >&2
  exit 1
}

# Stops every process this script started, newest first (TERM, then KILL after 10 s), and removes WORK.
cleanup() {
  local status=$? pid i waited
  trap - EXIT INT TERM
  for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${STARTED_PIDS[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for ((waited = 0; waited < 100; waited++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n ${WORK:-} && -d $WORK ]]; then
    if [[ $status -ne 0 || ${KEEP_WORK:-0} == 1 ]]; then
      log "kept the working directory (logs, files): $WORK"
    else
      rm -rf "$WORK"
    fi
  fi
  exit "$status"
}

install_traps() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Records a process started in the background so that cleanup stops it.
started() {
  STARTED_PIDS+=("$1")
}

# Stops one process this script started and waits for it (used between repeated runs).
stop() {
  local pid=$1 waited
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((waited = 0; waited < 200; waited++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the first free loopback port from $1 on.
free_port() {
  local port
  for ((port = $1; port < $1 + 200; port++)); do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free port from $1 to $(($1 + 199))"
}

# wait_for_http URL SECONDS [PID]: until URL answers 2xx; fails when SECONDS pass or PID exits.
wait_for_http() {
  local url=$1 deadline=$((SECONDS + $2)) pid=${3:-}
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.05
  done
}

require_command() {
  command -v "$1" >/dev/null || die "$1 is needed: $2"
}

# wrk and nginx come from Debian; installed here when missing and we may (root with apt-get).
require_load_tools() {
  if command -v wrk >/dev/null && command -v nginx >/dev/null; then
    return 0
  fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing wrk and nginx-light with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light >&2
  fi
  require_command wrk "apt-get install wrk"
  require_command nginx "apt-get install nginx-light"
}

# Builds the jar when it is missing (REBUILD=1 forces it).
ensure_jar() {
  if [[ ! -f $JAR || ${REBUILD:-0} == 1 ]]; then
    log "building $JAR"
    timeout --foreground 900 ./mvnw -q -DskipTests package >&2 || die "the build failed"
  fi
}

# The seeder's and the generator's dataset file: RESTAURANT_DATASET, else data/restaurant.json.
default_dataset() {
  local dataset=${RESTAURANT_DATASET:-data/restaurant.json}
  [[ -f $dataset ]] || die "no dataset at $dataset: set RESTAURANT_DATASET, or run with --generate N"
  # absolute: the service as the image runs it starts from a directory of its own
  realpath "$dataset"
}

# Starts mongo-java-server (in-memory backend) in its own process on a free port and sets MEMORY_MONGO_URI.
# Its class path is the application jar's own libraries, so the server is the version the service ships with.
start_memory_mongo() {
  local port libs
  port=$(free_port "${MONGO_PORT:-18017}")
  libs="$WORK/jar"
  java -Djarmode=tools -jar "$JAR" extract --destination "$libs" >/dev/null || die "cannot extract $JAR"
  java -Xmx"${MONGO_HEAP:-2g}" -cp "$libs/lib/*" "$ROOT/bench/MongoServerMain.java" "$port" >"$WORK/mongo.log" 2>&1 &
  started "$!"
  local deadline=$((SECONDS + 60))
  until grep -qs 'listening on' "$WORK/mongo.log"; do
    kill -0 "${STARTED_PIDS[-1]}" 2>/dev/null || die "mongo-java-server did not start: $(tail -n 5 "$WORK/mongo.log")"
    ((SECONDS < deadline)) || die "mongo-java-server did not start within 60 s"
    sleep 0.1
  done
  log "mongo-java-server (memory backend) on 127.0.0.1:$port"
  # shellcheck disable=SC2034 # read by the script that sources this file
  MEMORY_MONGO_URI="mongodb://127.0.0.1:$port/restaurant"
}

# seed URI FILE: loads FILE with the service's own seeder.
seed() {
  log "seeding from $2"
  if ! MONGODB_URI=$1 timeout --foreground "${SEED_TIMEOUT:-1800}" java -jar "$JAR" seed --file "$2" --wait-seconds 30 \
    >"$WORK/seed.log" 2>&1; then
    die "the seeder failed: $(grep '^seed:' "$WORK/seed.log" | tail -n 5)"
  fi
  grep '^seed: read' "$WORK/seed.log" >&2 || true
}

# generate COUNT SEED FILE: writes COUNT made-up restaurants with the service's generator.
generate() {
  log "generating $1 restaurants (seed $2)"
  java -jar "$JAR" generate --count "$1" --seed "$2" --output "$3" >&2 || die "the generator failed"
}

# rss_mib PID [FIELD]: a resident set size of PID in MiB, FIELD of /proc/PID/status (VmRSS, the current one).
rss_mib() {
  awk -v field="${2:-VmRSS}:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

# The largest resident set size PID has had since it started (its high-water mark), in MiB.
peak_rss_mib() {
  rss_mib "$1" VmHWM
}

# ---- how the service runs: a plain `java -jar`, or as the image runs it (--as-image) ---------------------------
SERVICE_RUNTIME=jar

# The value of an ENV or the arguments of another instruction in the final stage of the Dockerfile.
dockerfile_final() {
  awk -v instruction="$1" '
    /^FROM / { found = "" }
    $1 == instruction { sub("^" instruction " +", ""); found = $0 }
    END { print found }' "$ROOT/Dockerfile"
}

# chart_limit NAME: resources.limits.NAME of the app chart's default values, without quotes.
chart_limit() {
  awk -v key="$1" '
    /^resources:/ { in_resources = 1; next }
    in_resources && /^[^ #]/ { in_resources = 0 }
    in_resources && /^  limits:/ { in_limits = 1; next }
    in_resources && /^  [a-z]/ { in_limits = 0 }
    in_resources && in_limits && $1 == key ":" { gsub(/"/, "", $2); print $2; exit }' "$ROOT/charts/app/values.yaml"
}

# The chart's default memory limit in bytes (Ki, Mi, Gi, K, M, G or none, as Kubernetes writes quantities).
chart_memory_bytes() {
  local memory
  memory=$(chart_limit memory)
  [[ -n $memory ]] || die "charts/app/values.yaml sets no resources.limits.memory"
  awk -v memory="$memory" 'BEGIN {
    match(memory, /^[0-9.]+/); number = substr(memory, 1, RLENGTH); unit = substr(memory, RLENGTH + 1)
    split("Ki Mi Gi K M G", units, " "); split("1024 1048576 1073741824 1000 1000000 1000000000", sizes, " ")
    bytes = number
    for (i = 1; i <= 6; i++) if (unit == units[i]) bytes = number * sizes[i]
    printf "%.0f\n", bytes
  }'
}

# The JVM options that make the JVM see the chart's default limits as it does in the container: as many processors
# as the CPU limit rounded up, and the memory limit as the machine's memory.
chart_limit_options() {
  local cpu
  cpu=$(chart_limit cpu)
  [[ -n $cpu ]] || die "charts/app/values.yaml sets no resources.limits.cpu"
  awk -v cpu="$cpu" -v bytes="$(chart_memory_bytes)" 'BEGIN {
    cores = (cpu ~ /m$/) ? substr(cpu, 1, length(cpu) - 1) / 1000 : cpu + 0
    processors = int(cores); if (processors < cores) processors++
    printf "-XX:ActiveProcessorCount=%d -XX:MaxRAM=%s\n", processors, bytes
  }'
}

# use_image_runtime: from here on, start_service runs the service as the image does: the image's JDK (the
# IMAGE_JAVA_HOME JDK, else JAVA_HOME's or the java on PATH, of the runtime base's feature release), the extracted
# layout, the AOT cache made by the image's own training run, the image's JAVA_TOOL_OPTIONS and ENTRYPOINT, and
# the chart's default limits.
use_image_runtime() {
  local base want have entrypoint part tool_options
  base=$(dockerfile_final FROM | awk '{ print $1 }')
  want=$(sed -nE 's/^[^:]+:([0-9]+).*/\1/p' <<<"$base")
  IMAGE_JAVA="${IMAGE_JAVA_HOME:-${JAVA_HOME:-}}"
  IMAGE_JAVA=${IMAGE_JAVA:+$IMAGE_JAVA/bin/}java
  have=$("$IMAGE_JAVA" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+)$/\1/p')
  [[ -n $want && $have == "$want" ]] \
    || die "the image runs JDK $want ($base); $IMAGE_JAVA is JDK ${have:-unknown}: set IMAGE_JAVA_HOME to a JDK $want"
  tool_options=$(dockerfile_final ENV | sed -nE 's/^JAVA_TOOL_OPTIONS="(.*)"$/\1/p')
  [[ -n $tool_options ]] || die "the Dockerfile's final stage sets no JAVA_TOOL_OPTIONS"
  IMAGE_TOOL_OPTIONS="$tool_options $(chart_limit_options)"
  entrypoint=$(dockerfile_final ENTRYPOINT)
  IMAGE_ARGS=()
  while read -r part; do
    IMAGE_ARGS+=("$part")
  done < <(sed -E 's/^\[ *"//; s/" *\]$//; s/" *, *"/\n/g' <<<"$entrypoint")
  [[ ${IMAGE_ARGS[0]:-} == java ]] || die "the Dockerfile's ENTRYPOINT does not start java: $entrypoint"
  IMAGE_ARGS=("${IMAGE_ARGS[@]:1}")
  local cache=""
  for part in "${IMAGE_ARGS[@]}"; do
    [[ $part != -XX:AOTCache=* ]] || cache=${part#-XX:AOTCache=}
  done
  [[ -n $cache ]] || die "the Dockerfile's ENTRYPOINT names no -XX:AOTCache"

  log "extracting $JAR as the image does, and training its AOT cache with $IMAGE_JAVA"
  rm -rf "$WORK/layers" "$WORK/app"
  "$IMAGE_JAVA" -Djarmode=tools -jar "$JAR" extract --layers --destination "$WORK/layers" >/dev/null \
    || die "cannot extract $JAR"
  mkdir -p "$WORK/app"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [[ ! -d $WORK/layers/$layer ]] || cp -a "$WORK/layers/$layer/." "$WORK/app/"
  done
  (cd "$WORK/app" && PATH="$(dirname "$IMAGE_JAVA"):$PATH" JAVA_TOOL_OPTIONS="$tool_options" \
    TRAINING_PORT=$(free_port 18089) sh "$ROOT/src/main/docker/aot-training.sh" "$cache") >"$WORK/training.log" 2>&1 \
    || die "the AOT training run failed: $(tail -n 20 "$WORK/training.log")"
  tail -n 1 "$WORK/training.log" >&2
  SERVICE_RUNTIME=image
}

# start_service LOG [-u NAME …] [NAME=VALUE …]: starts the service in the background without those environment
# variables and with these, the plain way (java -Xmx$HEAP $JAVA_OPTS -jar) or as the image does; sets SERVICE_PID.
start_service() {
  local log=$1
  local unset=(-u SPRING_PROFILES_ACTIVE -u MANAGEMENT_SERVER_PORT)
  shift
  while [[ ${1:-} == -u ]]; do
    unset+=(-u "$2")
    shift 2
  done
  if [[ $SERVICE_RUNTIME == image ]]; then
    (cd "$WORK/app" && exec env "${unset[@]}" JAVA_TOOL_OPTIONS="$IMAGE_TOOL_OPTIONS" \
      "$@" "$IMAGE_JAVA" "${JAVA_OPTIONS[@]}" "${IMAGE_ARGS[@]}") >"$log" 2>&1 &
  else
    env "${unset[@]}" "$@" java -Xmx"$HEAP" "${JAVA_OPTIONS[@]}" -jar "$JAR" >"$log" 2>&1 &
  fi
  SERVICE_PID=$!
  started "$SERVICE_PID"
}

# How the service was run, for the line under a table.
service_label() {
  if [[ $SERVICE_RUNTIME == image ]]; then
    echo "as the image runs it: $("$IMAGE_JAVA" -version 2>&1 | head -n 1), JAVA_TOOL_OPTIONS=\"$IMAGE_TOOL_OPTIONS\", java ${JAVA_OPTS:+$JAVA_OPTS }${IMAGE_ARGS[*]} (the chart's limits: cpu $(chart_limit cpu), memory $(chart_limit memory))"
  else
    echo "java -Xmx$HEAP${JAVA_OPTS:+ $JAVA_OPTS} -jar, $(java -version 2>&1 | head -n 1)"
  fi
}
