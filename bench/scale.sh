#!/usr/bin/env bash
# The full list at scale: for each size, generated restaurants, the service with a capped heap, and one download of
# the whole list while its readiness is polled; prints one Markdown table.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/scale.sh [--as-image] [--sizes "N N …"] [--keep] [--help]

For each size N: writes N made-up restaurants with the service's generator, loads them with its seeder into
mongo-java-server's in-memory backend (a process of its own), starts target/restaurant-api.jar (built when missing)
with -Xmx$HEAP against it, downloads GET /api/v1/restaurant once with curl while polling
/actuator/health/readiness every 0.5 s, and reads the heap the service used from /actuator/prometheus. All on
127.0.0.1; every process it starts is stopped when it ends, however it ends.

Columns: status of the download, time to first byte, total time, bytes, readiness polls that were not 200, the
most heap used (the largest jvm_memory_used_bytes{area="heap"} sampled during the download) and the cap, the
service's RSS after it and its peak RSS (its high-water mark, VmHWM), and OutOfMemoryErrors in its log.

Options:
  --as-image     run the service as the image does, under the app chart's default limits (see bench/run.sh --help),
                 instead of java -Xmx$HEAP -jar
  --sizes "N …"  the sizes (default "10000 100000 1000000")
  --keep         keep the working directory (logs) and say where it is
  -h, --help     this text

Environment: HEAP (256m) the service's -Xmx (not with --as-image); MONGO_HEAP (8g) the database process's -Xmx; SERVER_PORT (18081) and
MONGO_PORT (18017), the first ports tried.
Exit status: 0 when the table was printed, 1 on any failure (with the logs kept), 2 on a usage error.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

sizes=(10000 100000 1000000)
as_image=0
while (($# > 0)); do
  case $1 in
    --as-image) as_image=1; shift ;;
    --sizes)
      read -r -a sizes <<<"${2:-}"
      for size in "${sizes[@]}"; do
        [[ $size =~ ^[1-9][0-9]*$ ]] || { echo "bench/scale.sh: --sizes takes whole numbers" >&2; exit 2; }
      done
      ((${#sizes[@]} > 0)) || { echo "bench/scale.sh: --sizes needs at least one size" >&2; exit 2; }
      shift 2
      ;;
    --keep) KEEP_WORK=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench/scale.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
HEAP=${HEAP:-256m}
export MONGO_HEAP=${MONGO_HEAP:-8g}
read -r -a JAVA_OPTIONS <<<"${JAVA_OPTS:-}"

require_command java "a JDK 17 or newer"
require_command curl "apt-get install curl"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/restaurant-scale.XXXXXX")
install_traps
ensure_jar
((as_image == 0)) || use_image_runtime
start_memory_mongo

# The largest heap use, in MiB, that the service's metrics report right now.
heap_used_mib() {
  curl -fsS --max-time 2 "$1/actuator/prometheus" 2>/dev/null |
    awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }'
}

rows=()
for size in "${sizes[@]}"; do
  database="scale_$size"
  dataset="$WORK/generated-$size.jsonl"
  generate "$size" 1 "$dataset"
  MONGODB_DATABASE=$database seed "$MEMORY_MONGO_URI" "$dataset"
  rm -f "$dataset"

  port=$(free_port "${SERVER_PORT:-18081}")
  log "starting the service on $size restaurants, $(service_label)"
  start_service "$WORK/service-$size.log" MONGODB_URI="$MEMORY_MONGO_URI" MONGODB_DATABASE="$database" SERVER_PORT="$port"
  service=$SERVICE_PID
  base="http://127.0.0.1:$port"
  wait_for_http "$base/actuator/health/readiness" 120 "$service" || die "the service did not become ready"

  polls="$WORK/readiness-$size.txt"
  : >"$polls"
  (
    while true; do
      curl -s -o /dev/null -w '%{http_code} ' --max-time 2 "$base/actuator/health/readiness" >>"$polls" || true
      heap_used_mib "$base" >>"$polls"
      echo >>"$polls"
      sleep 0.5
    done
  ) &
  poller=$!
  started "$poller"

  log "downloading the full list of $size restaurants"
  result=$(curl -s -o /dev/null --max-time 900 -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' \
    "$base/api/v1/restaurant") || die "the download of the full list failed: $result"
  stop "$poller"
  read -r status ttfb total bytes <<<"$result"
  not_ready=$(awk '$1 != 200' "$polls" | wc -l)
  peak_heap=$(awk '{ if ($2 > max) max = $2 } END { print max + 0 }' "$polls")
  rss=$(rss_mib "$service")
  peak_rss=$(peak_rss_mib "$service")
  cap=$(curl -fsS --max-time 2 "$base/actuator/prometheus" |
    awk '/^jvm_memory_max_bytes\{.*area="heap"/ { if ($NF > 0) sum += $NF } END { printf "%.0f", sum / 1048576 }')
  stop "$service"
  ooms=$(grep -c 'java.lang.OutOfMemoryError' "$WORK/service-$size.log" || true)
  rows+=("| $size | $status | $(printf '%.3f s' "$ttfb") | $(printf '%.1f s' "$total") | $((bytes / 1048576)) MiB | $not_ready of $(wc -l <"$polls") | $peak_heap MiB of $cap MiB | $rss MiB | $peak_rss MiB | $ooms |")
done

echo
echo "| restaurants | status | first byte | total | size | readiness not 200 | peak heap used | service RSS | peak RSS | OutOfMemoryError |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Database: mongo-java-server 1.47 memory backend, own process. Service: $(service_label)."
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)."
