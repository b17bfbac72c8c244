#!/usr/bin/env bash
# Benchmarks the API with wrk against nginx serving the same bytes, on 127.0.0.1 only; prints one Markdown table.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--as-image] [--generate N] [--seed S] [--no-seed] [--keep] [--help]

Starts the service from target/restaurant-api.jar (built when missing) against a database (MONGODB_URI, else
mongo-java-server's in-memory backend in a process of its own), seeds it with the service's seeder, fetches the
full list and one restaurant from it and serves those bytes as static files with nginx, then runs wrk against
each case at each connection count, all on 127.0.0.1. It prints one Markdown table on standard output
(progress goes to standard error) and stops every process it started, however it ends.

Cases: by-id from readiness, before any warm-up, in COLD_WINDOWS back-to-back runs of COLD seconds (what a new
pod serves while its JIT compiles: the warm-up curve); by-id; full
list; filtered/paged; conditional by-id and conditional full list (If-None-Match with the
ETag the service sent: "n/a" when it sends none or does not answer 304); and nginx serving the same bytes, plain
and conditional, as the ceiling each comparable service case is divided by (the "× nginx" column).

Options:
  --as-image     run the service as the image does (see "As the image runs it" below), not as java -Xmx$HEAP -jar
  --generate N   benchmark N made-up restaurants (the service's `generate`) instead of the dataset file
  --seed S       the generator's seed (default 1)
  --no-seed      with MONGODB_URI: benchmark the collection as it is, without seeding it
  --keep         keep the working directory (logs, pre-rendered files) and say where it is
  -h, --help     this text

Environment (default):
  DURATION (10s)          each measured wrk run, in wrk's syntax (10s, 1m)
  COLD (10s)              each by-id run of the warm-up curve, the first started as soon as the service is
                          ready; 0 skips the curve
  COLD_WINDOWS (6)        how many such runs, back to back (at least 1; COLD=0 skips them)
  WARMUP (20s)            an unmeasured run of each service case first, for the JIT (C2 needs it on 2 CPUs); 0 skips it
  CONNECTIONS ("16 64")   the connection counts
  THREADS (2)             wrk threads
  HEAP (512m)             the service's -Xmx (not with --as-image)
  JAVA_OPTS               more JVM options for the service
  JAR (target/restaurant-api.jar)  the jar to benchmark, for example another commit's build
  IMAGE_JAVA_HOME         with --as-image: the JDK of the image's feature release (else JAVA_HOME, else java)
  MONGODB_URI             benchmark against this MongoDB instead of the in-memory server
  SEED_MONGODB_URI        the URI the seeder writes with (MONGODB_URI)
  RESTAURANT_DATASET      the dataset file (data/restaurant.json)
  BY_ID                   the by-id case's restaurant (55f14313c7447c3da705224b when the dataset has it, else
                          the dataset's first)
  FILTER_QUERY            the filtered/paged case (type_of_food=Thai&page=0&size=50&sort=name)
  SERVER_PORT (18081), NGINX_PORT (18080), MONGO_PORT (18017): the first port tried for each; the next free
                          one is used when it is taken
  NGINX_WORKERS (auto)    nginx's worker_processes

As the image runs it (--as-image): the jar extracted as the Dockerfile extracts it, the AOT cache made by the
image's own training run (src/main/docker/aot-training.sh), the ENTRYPOINT's command line and the JAVA_TOOL_OPTIONS
of the Dockerfile, on a JDK of the image's feature release, with the JVM seeing the app chart's default limits
(-XX:ActiveProcessorCount and -XX:MaxRAM from resources.limits). The table's footer gives the service's peak RSS
against that memory limit, and any OutOfMemoryError in its log.
Exit status: 0 when the table was printed, 1 on any failure (with the logs kept), 2 on a usage error.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

KNOWN_ID=55f14313c7447c3da705224b
generate_count=""
generator_seed=1
seed_database=1
as_image=0
while (($# > 0)); do
  case $1 in
    --as-image) as_image=1; shift ;;
    --generate)
      [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "bench/run.sh: --generate needs a count" >&2; exit 2; }
      generate_count=$2
      shift 2
      ;;
    --seed)
      [[ ${2:-} =~ ^-?[0-9]+$ ]] || { echo "bench/run.sh: --seed needs a whole number" >&2; exit 2; }
      generator_seed=$2
      shift 2
      ;;
    --no-seed) seed_database=0; shift ;;
    --keep) KEEP_WORK=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

DURATION=${DURATION:-10s}
COLD=${COLD:-10s}
COLD_WINDOWS=${COLD_WINDOWS:-6}
WARMUP=${WARMUP:-20s}
read -r -a CONNECTION_COUNTS <<<"${CONNECTIONS:-16 64}"
THREADS=${THREADS:-2}
HEAP=${HEAP:-512m}
read -r -a JAVA_OPTIONS <<<"${JAVA_OPTS:-}"
FILTER_QUERY=${FILTER_QUERY:-type_of_food=Thai&page=0&size=50&sort=name}

# wrk's duration syntax (N, Ns, Nm, Nh) in seconds, for the time bounds.
seconds_of() {
  [[ $1 =~ ^([0-9]+)([smh]?)$ ]] || { echo "bench/run.sh: '$1' is not a duration like 10s or 1m" >&2; exit 2; }
  case ${BASH_REMATCH[2]} in
    m) echo $((BASH_REMATCH[1] * 60)) ;;
    h) echo $((BASH_REMATCH[1] * 3600)) ;;
    *) echo "${BASH_REMATCH[1]}" ;;
  esac
}
duration_s=$(seconds_of "$DURATION")
warmup_s=$(seconds_of "$WARMUP")
cold_s=$(seconds_of "$COLD")
[[ $COLD_WINDOWS =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: COLD_WINDOWS must be a whole number of at least 1" >&2; exit 2; }
((duration_s > 0)) || { echo "bench/run.sh: DURATION must be at least 1s" >&2; exit 2; }
for conns in "${CONNECTION_COUNTS[@]}"; do
  if ! [[ $conns =~ ^[0-9]+$ ]] || ((conns < THREADS)); then
    echo "bench/run.sh: CONNECTIONS must be whole numbers of at least THREADS ($THREADS)" >&2
    exit 2
  fi
done

require_command java "a JDK 17 or newer"
require_command curl "apt-get install curl"
require_load_tools
WORK=$(mktemp -d "${TMPDIR:-/tmp}/restaurant-bench.XXXXXX")
install_traps
ensure_jar
((as_image == 0)) || use_image_runtime

# ---- data and database -------------------------------------------------------------------------------------
if [[ -n $generate_count ]]; then
  dataset="$WORK/generated.jsonl"
  generate "$generate_count" "$generator_seed" "$dataset"
  data_label="$generate_count generated restaurants (seed $generator_seed)"
else
  dataset=$(default_dataset)
  data_label="$(wc -l <"$dataset" | tr -d ' ') restaurants from $(basename "$dataset")"
fi
if [[ -n ${BY_ID:-} ]]; then
  by_id=$BY_ID
elif grep -q "\"$KNOWN_ID\"" "$dataset"; then
  by_id=$KNOWN_ID
else
  by_id=$(head -n 1 "$dataset" | sed -nE 's/.*"[$]oid" *: *"([0-9a-fA-F]{24})".*/\1/p')
  [[ -n $by_id ]] || die "cannot find an _id on the first line of $dataset: set BY_ID"
fi

if [[ -n ${MONGODB_URI:-} ]]; then
  database_uri=$MONGODB_URI
  database_label="the MongoDB at MONGODB_URI"
  if ((seed_database)); then
    seed "${SEED_MONGODB_URI:-$MONGODB_URI}" "$dataset"
  fi
else
  start_memory_mongo
  database_uri=$MEMORY_MONGO_URI
  database_label="mongo-java-server 1.47 memory backend, own process"
  seed "$database_uri" "$dataset"
fi

# ---- measuring -----------------------------------------------------------------------------------------------
declare -A RESULT=()
ROWS=()

# measure NAME CONNS URL ETAG SECONDS [discard]: runs wrk and records its figures under "NAME|CONNS".
measure() {
  local name=$1 conns=$2 url=$3 etag=$4 seconds=$5 output line rps p50 p99 errors bytes
  output=$(timeout --foreground -k 5 $((seconds + 60)) wrk -t"$THREADS" -c"$conns" -d"${seconds}s" --timeout 10s \
    -s "$ROOT/bench/wrk/report.lua" "$url" -- "$etag" 2>&1) || die "wrk failed on $name: $output"
  [[ ${6:-} == discard ]] && return 0
  line=$(grep '^WRK_RESULT ' <<<"$output") || die "wrk printed no figures for $name: $output"
  local rss=-
  [[ $name == nginx* ]] || rss=$(rss_mib "$service_pid")
  RESULT["$name|$conns"]="${line#WRK_RESULT } rss_mib=$rss"
  ROWS+=("$name|$conns")
  IFS=$'\t' read -r rps p50 p99 errors bytes _ _ <<<"$(figures_of "$name|$conns")"
  log "$(printf '%-27s %3s conns: %8s rps, p50 %9s, p99 %9s, %s errors, %s/request' \
    "$name" "$conns" "$rps" "$p50" "$p99" "$errors" "$bytes")"
}

# The figures of one row, tab-separated: rps, p50, p99, errors, bytes/request, service RSS, and raw rps.
figures_of() {
  awk -v fields="${RESULT[$1]}" 'BEGIN {
    n = split(fields, pairs, " ")
    for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); f[kv[1]] = kv[2] }
    rps = f["requests"] / (f["duration_us"] / 1e6)
    errors = f["connect"] + f["read"] + f["write"] + f["status"] + f["timeout"]
    bytes = (f["requests"] > 0) ? f["bytes"] / f["requests"] : 0
    rss = (f["rss_mib"] == "-") ? "—" : f["rss_mib"] " MiB"
    if (f["requests"] == 0) {
      # nothing completed within the run: no latency or size to report
      printf "0\t—\t—\t%d\t—\t%s\t0\n", errors, rss
      exit
    }
    printf "%s\t%s\t%s\t%d\t%s\t%s\t%f\n", number(rps), latency(f["p50_us"]), latency(f["p99_us"]), errors,
      size(bytes), rss, rps
  }
  function number(x) { return (x >= 100) ? sprintf("%.0f", x) : sprintf("%.1f", x) }
  function latency(us) {
    if (us < 10000) return sprintf("%.2f ms", us / 1000)
    if (us < 1000000) return sprintf("%.0f ms", us / 1000)
    return sprintf("%.2f s", us / 1e6)
  }
  function size(b) {
    if (b < 10000) return sprintf("%d B", b)
    if (b < 1000000) return sprintf("%.1f kB", b / 1000)
    return sprintf("%.2f MB", b / 1e6)
  }'
}

# ---- the service -------------------------------------------------------------------------------------------
service_port=$(free_port "${SERVER_PORT:-18081}")
service="http://127.0.0.1:$service_port"
log "starting the service on 127.0.0.1:$service_port, $(service_label)"
start_service "$WORK/service.log" SERVER_PORT="$service_port" MONGODB_URI="$database_uri"
service_pid=$SERVICE_PID
wait_for_http "$service/actuator/health/readiness" 180 "$service_pid" \
  || die "the service did not become ready; the end of its log: $(tail -n 20 "$WORK/service.log")"
log "service ready (pid $service_pid)"
# The rows of the warm-up curve: "by-id, 0–10 s" for the first COLD window after readiness, and so on.
COLD_ROWS=()
if ((cold_s > 0)); then
  for ((window = 0; window < COLD_WINDOWS; window++)); do
    COLD_ROWS+=("by-id, $((window * cold_s))–$(((window + 1) * cold_s)) s")
  done
  log "by-id from readiness: $COLD_WINDOWS runs of $cold_s s back to back, at ${CONNECTION_COUNTS[-1]} connections"
  for name in "${COLD_ROWS[@]}"; do
    measure "$name" "${CONNECTION_COUNTS[-1]}" "$service/api/v1/restaurant/$by_id" "" "$cold_s"
  done
fi

# fetch URL FILE: saves the body and prints the ETag header (empty when there is none).
fetch() {
  curl -fsS --max-time 600 -o "$2" -D "$2.headers" "$1" || die "GET $1 failed"
  tr -d '\r' <"$2.headers" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tail -n 1
}

# answers_304 URL ETAG: whether a conditional GET with ETAG is answered 304 Not Modified.
answers_304() {
  [[ -n $2 ]] && [[ $(curl -s -o /dev/null --max-time 600 -w '%{http_code}' -H "If-None-Match: $2" "$1") == 304 ]]
}

# ---- pre-rendered copies on nginx --------------------------------------------------------------------------
www="$WORK/www"
mkdir -p "$www" "$WORK/nginx"
log "pre-rendering the full list and restaurant $by_id for nginx"
list_etag=$(fetch "$service/api/v1/restaurant" "$www/list.json")
by_id_etag=$(fetch "$service/api/v1/restaurant/$by_id" "$www/by-id.json")
curl -fsS --max-time 600 -o /dev/null "$service/api/v1/restaurant?$FILTER_QUERY" || die "the filtered/paged case fails"

nginx_port=$(free_port "${NGINX_PORT:-18080}")
while [[ $nginx_port == "$service_port" ]] || port_in_use "$nginx_port"; do
  nginx_port=$(free_port $((nginx_port + 1)))
done
nginx="http://127.0.0.1:$nginx_port"
cat >"$WORK/nginx/nginx.conf" <<EOF
# Generated by bench/run.sh: static copies of the service's responses, the ceiling for the same bytes.
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
worker_processes ${NGINX_WORKERS:-auto};
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    types { application/json json; }
    default_type application/json;
    client_body_temp_path $WORK/nginx/client_body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $www;
    }
}
EOF
# nginx's workers drop root privileges: let them read the copies.
chmod a+rx "$WORK" "$www"
chmod a+r "$www"/*.json
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >"$WORK/nginx/stdout.log" 2>&1 &
started "$!"
wait_for_http "$nginx/list.json" 30 "$!" || die "nginx did not start: $(cat "$WORK/nginx/error.log")"
nginx_list_etag=$(fetch "$nginx/list.json" "$WORK/nginx/list.check")
nginx_by_id_etag=$(fetch "$nginx/by-id.json" "$WORK/nginx/by-id.check")
log "nginx on 127.0.0.1:$nginx_port serving $(wc -c <"$www/list.json" | tr -d ' ') + $(wc -c <"$www/by-id.json" | tr -d ' ') bytes"

# ---- the cases ---------------------------------------------------------------------------------------------
# Each case: name, URL, If-None-Match (or empty), the nginx case it is compared with (or empty).
CASES=(
  "by-id|$service/api/v1/restaurant/$by_id||nginx by-id"
  "full list|$service/api/v1/restaurant||nginx full list"
  "filtered/paged|$service/api/v1/restaurant?$FILTER_QUERY||"
  "conditional by-id|$service/api/v1/restaurant/$by_id|$by_id_etag|nginx conditional by-id"
  "conditional full list|$service/api/v1/restaurant|$list_etag|nginx conditional full list"
)
declare -A NGINX_CASES=(
  ["nginx by-id"]="$nginx/by-id.json|"
  ["nginx full list"]="$nginx/list.json|"
  ["nginx conditional by-id"]="$nginx/by-id.json|$nginx_by_id_etag"
  ["nginx conditional full list"]="$nginx/list.json|$nginx_list_etag"
)
declare -A UNAVAILABLE=()
if ! answers_304 "$service/api/v1/restaurant/$by_id" "$by_id_etag"; then
  UNAVAILABLE["conditional by-id"]=${by_id_etag:+"ETag sent but If-None-Match is not answered 304"}
fi
if ! answers_304 "$service/api/v1/restaurant" "$list_etag"; then
  UNAVAILABLE["conditional full list"]=${list_etag:+"ETag sent but If-None-Match is not answered 304"}
fi

runs=0
for entry in "${CASES[@]}"; do
  IFS='|' read -r name _ _ ceiling <<<"$entry"
  [[ -v UNAVAILABLE[$name] ]] && continue
  runs=$((runs + ${#CONNECTION_COUNTS[@]}))
  [[ -z $ceiling ]] || runs=$((runs + ${#CONNECTION_COUNTS[@]}))
done
if ((warmup_s > 0)); then
  log "about $((runs * duration_s + ${#CASES[@]} * warmup_s)) s of load from here"
else
  log "about $((runs * duration_s)) s of load from here"
fi

if ((warmup_s > 0)); then
  for entry in "${CASES[@]}"; do
    IFS='|' read -r name url etag _ <<<"$entry"
    [[ -v UNAVAILABLE[$name] ]] && continue
    log "warming up: $name ($warmup_s s)"
    measure "$name" "${CONNECTION_COUNTS[-1]}" "$url" "$etag" "$warmup_s" discard
  done
fi

# Each service case then its nginx ceiling, back to back, so that a ratio compares moments of the same load.
for entry in "${CASES[@]}"; do
  IFS='|' read -r name url etag ceiling <<<"$entry"
  [[ -v UNAVAILABLE[$name] ]] && continue
  for conns in "${CONNECTION_COUNTS[@]}"; do
    measure "$name" "$conns" "$url" "$etag" "$duration_s"
    if [[ -n $ceiling ]]; then
      IFS='|' read -r nginx_url nginx_etag <<<"${NGINX_CASES[$ceiling]}"
      measure "$ceiling" "$conns" "$nginx_url" "$nginx_etag" "$duration_s"
    fi
  done
done

# ---- the table ---------------------------------------------------------------------------------------------
echo
echo "| case | conns | rps | p50 | p99 | errors | bytes/req | service RSS | × nginx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
print_rows() {
  local entry name ceiling conns ratio rps p50 p99 errors bytes rss raw nginx_raw
  for entry in "$@"; do
    IFS='|' read -r name _ _ ceiling <<<"$entry"
    for conns in "${CONNECTION_COUNTS[@]}"; do
      if [[ -v UNAVAILABLE[$name] ]]; then
        echo "| $name | $conns | n/a | | | | | | |"
        continue
      fi
      [[ -v RESULT["$name|$conns"] ]] || continue
      IFS=$'\t' read -r rps p50 p99 errors bytes rss raw <<<"$(figures_of "$name|$conns")"
      ratio="—"
      if [[ -n $ceiling && -v RESULT["$ceiling|$conns"] ]]; then
        IFS=$'\t' read -r _ _ _ _ _ _ nginx_raw <<<"$(figures_of "$ceiling|$conns")"
        ratio=$(awk -v a="$raw" -v b="$nginx_raw" 'BEGIN {
          r = (b > 0) ? a / b : 0
          printf((r > 0 && r < 0.1) ? "%.3f×" : "%.2f×", r)
        }')
      fi
      echo "| $name | $conns | $rps | $p50 | $p99 | $errors | $bytes | $rss | $ratio |"
    done
  done
}
for name in "${COLD_ROWS[@]}"; do
  print_rows "$name|||nginx by-id"
done
print_rows "${CASES[@]}"
print_rows "nginx by-id" "nginx full list" "nginx conditional by-id" "nginx conditional full list"
echo
for name in "${!UNAVAILABLE[@]}"; do
  echo "n/a: $name: ${UNAVAILABLE[$name]:-the service sent no ETag}."
done
last=${CONNECTION_COUNTS[-1]}
if ((${#COLD_ROWS[@]} > 0)) && [[ -v RESULT["by-id|$last"] ]]; then
  IFS=$'\t' read -r _ _ _ _ _ _ steady_raw <<<"$(figures_of "by-id|$last")"
  curve=""
  for name in "${COLD_ROWS[@]}"; do
    IFS=$'\t' read -r _ _ cold_p99 _ _ _ cold_raw <<<"$(figures_of "$name|$last")"
    curve+="${curve:+; }${name#by-id, } $(awk -v a="$cold_raw" -v b="$steady_raw" 'BEGIN {
      printf "%.2f", (b > 0) ? a / b : 0 }')× (p99 $cold_p99)"
  done
  echo "Warm-up from readiness, by-id at $last connections against its steady throughput: $curve."
fi
peak=$(peak_rss_mib "$service_pid")
ooms=$(grep -c 'java.lang.OutOfMemoryError' "$WORK/service.log" || true)
if [[ $SERVICE_RUNTIME == image ]]; then
  echo "Service peak RSS through the bench: $peak MiB, $(awk -v p="$peak" -v l="$(chart_memory_bytes)" 'BEGIN {
    printf "%.0f", p * 1048576 * 100 / l }') % of the chart's memory limit ($(chart_limit memory)); OutOfMemoryError in its log: $ooms."
else
  echo "Service peak RSS through the bench: $peak MiB; OutOfMemoryError in its log: $ooms."
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "Data: $data_label; database: $database_label; by-id: $by_id; filtered/paged: ?$FILTER_QUERY."
if ((warmup_s > 0)); then warmup_label="after a $WARMUP warm-up per service case"; else warmup_label="no warm-up"; fi
echo "Load: wrk -t$THREADS, $DURATION per run, $warmup_label; nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), worker_processes ${NGINX_WORKERS:-auto}."
echo "Service: $(service_label)."
echo "Machine: $(nproc) CPUs (${cpu:-unknown CPU}), $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)."
