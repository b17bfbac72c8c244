#!/bin/sh
# The training run of the image's AOT cache (JEP 483, 514 and 515): starts the service from the current directory
# exactly as the image's ENTRYPOINT does, on the embedded database loaded with made-up restaurants, sends it the
# requests it serves in production (by id, lists filtered, sorted and paged, gzip, conditional, errors, probes,
# metrics), then stops it with SIGTERM. As it exits, the JVM writes the classes it loaded and linked, and the
# method profiles it collected, to CACHE; a production start with -XX:AOTCache=CACHE begins from them.
#
#   aot-training.sh CACHE [ROUNDS]      ROUNDS of 27 requests each (default 200)
#
# Run it where restaurant-api.jar and lib/ are (the extracted layout), with the JVM and the options of production:
# the cache is only used by the same JDK build, with the same class path. Adapter caching is off here and in the
# image's ENTRYPOINT: JDK 25 caches adapters as machine code for the CPU it trained on, and runs them unchecked on
# a CPU without those instructions (SIGILL). POSIX sh and wget: it runs in the image.
# Environment: TRAINING_PORT (18089), the loopback port of the training service.
set -eu

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") echo "aot-training.sh: the cache file to write is needed (see --help)" >&2; exit 2 ;;
esac
cache=$1
rounds=${2:-200}
case "$rounds" in
  '' | *[!0-9]*) echo "aot-training.sh: ROUNDS must be a whole number, not '$rounds'" >&2; exit 2 ;;
esac
port=${TRAINING_PORT:-18089}
[ -f restaurant-api.jar ] || { echo "aot-training.sh: no restaurant-api.jar in $(pwd)" >&2; exit 2; }

work=$(mktemp -d)
pid=""
finish() {
  status=$?
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ] && [ -f "$work/service.log" ]; then tail -n 30 "$work/service.log" >&2; fi
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT
fail() {
  echo "aot-training.sh: $*" >&2
  exit 1
}

java -jar restaurant-api.jar generate --count 2000 --seed 1 --output "$work/restaurants.jsonl" >/dev/null
ids=$(sed -n 's/.*"[$]oid" *: *"\([0-9a-f]\{24\}\)".*/\1/p' "$work/restaurants.jsonl" | sed -n '1p;500p;1000p;1500p')
cuisine=$(sed -n 's/.*"type_of_food" *: *"\([A-Za-z]*\)".*/\1/p' "$work/restaurants.jsonl" | head -n 1)
if [ -z "$ids" ] || [ -z "$cuisine" ]; then fail "the generated restaurants have no ids or cuisines"; fi

rm -f "$cache"
SPRING_PROFILES_ACTIVE=embedded RESTAURANT_DATASET="$work/restaurants.jsonl" SERVER_PORT="$port" \
  java -XX:AOTCacheOutput="$cache" -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching -jar restaurant-api.jar \
  >"$work/service.log" 2>&1 &
pid=$!

base="http://127.0.0.1:$port"
waited=0
until wget -q -O /dev/null "$base/actuator/health/readiness" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || fail "the service exited before it was ready"
  waited=$((waited + 1))
  [ "$waited" -le 600 ] || fail "the service was not ready within 60 s"
  sleep 0.1
done

# get [--header HEADER] PATH…: requests that must succeed (2xx), one after the other in one wget.
get() {
  header=""
  if [ "$1" = --header ]; then header=$2; shift 2; fi
  urls=""
  for path in "$@"; do urls="$urls $base$path"; done
  # shellcheck disable=SC2086 # one word per URL
  if [ -n "$header" ]; then
    wget -q -O /dev/null --header "$header" $urls || fail "GET $* ($header) failed"
  else
    wget -q -O /dev/null $urls || fail "GET $* failed"
  fi
}
# answered PATH [HEADER]: a request answered with a status wget counts as an error (304, 4xx): one a wget, which
# stops at the first.
answered() {
  if [ $# -gt 1 ]; then
    wget -q -O /dev/null --header "$2" "$base$1" 2>/dev/null || true
  else
    wget -q -O /dev/null "$base$1" 2>/dev/null || true
  fi
}
etag_of() {
  wget -q -S -O /dev/null "$base$1" 2>&1 | sed -n 's/^ *[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r' | tail -n 1
}

first_id=$(echo "$ids" | head -n 1)
list_etag=$(etag_of /api/v1/restaurant)
id_etag=$(etag_of "/api/v1/restaurant/$first_id")
if [ -z "$list_etag" ] || [ -z "$id_etag" ]; then fail "the service sent no ETag"; fi
by_id=""
for id in $ids; do by_id="$by_id /api/v1/restaurant/$id"; done

round=0
while [ "$round" -lt "$rounds" ]; do
  # shellcheck disable=SC2086 # one word per path
  get $by_id $by_id $by_id $by_id /api/v1/restaurant \
    "/api/v1/restaurant?type_of_food=$cuisine&page=$((round % 3))&size=50&sort=name" \
    "/api/v1/restaurant?min_rating=4&sort=-rating,name&page=0&size=20" /actuator/health/readiness
  get --header "Accept-Encoding: gzip" /api/v1/restaurant "/api/v1/restaurant/$first_id" \
    "/api/v1/restaurant?type_of_food=$cuisine&page=0&size=50"
  answered "/api/v1/restaurant/$first_id" "If-None-Match: $id_etag"
  answered /api/v1/restaurant "If-None-Match: $list_etag"
  answered /api/v1/restaurant/000000000000000000000000
  answered "/api/v1/restaurant?page=-1"
  if [ $((round % 50)) -eq 0 ]; then get /actuator/prometheus; fi
  round=$((round + 1))
done

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
# 143: the JVM's exit on SIGTERM, after the graceful shutdown and the cache's writing.
[ "$status" -eq 0 ] || [ "$status" -eq 143 ] || fail "the service exited with status $status"
[ -s "$cache" ] || fail "the JVM wrote no AOT cache to $cache"
grep -h 'AOTCache' "$work/service.log" | tail -n 2 >&2 || true
echo "aot-training.sh: $((rounds * 27)) requests; $(wc -c <"$cache" | tr -d ' ') bytes of AOT cache in $cache" >&2
