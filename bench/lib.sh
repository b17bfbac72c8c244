# shellcheck shell=bash
# Shared by bench/run.sh and bench/startup.sh: logging, ports, waiting, the processes they start and their cleanup.
# Sourced, not run. Expects ROOT (the repository root) and WORK (a private temporary directory) to be set.

JAR="target/restaurant-api.jar"
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
  echo "$dataset"
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

# The resident set size of PID in MiB, from /proc.
rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}
