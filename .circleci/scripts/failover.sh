#!/usr/bin/env bash
# Failover test of the replica-set install (helmfile environment generic-ha) on the pipeline's kind cluster: the
# MongoDB primary's pod is killed under load, and the API must keep answering and lose nothing.
#
# Usage: .circleci/scripts/failover.sh COMMAND
#   run DIR        wait for one primary and REPLICAS-1 secondaries; record the restaurant count and a known
#                  restaurant through the API (a port-forward to the app Service, started again if it drops);
#                  start a load loop that logs the status of every response; force-delete the primary's pod; keep
#                  the load running until a new primary is elected and the old member is a secondary again; then
#                  check the log (as verdict does), the count and the restaurant, run the seed Job again (helm
#                  upgrade seed --reuse-values) and check them once more. Writes requests.log, per-second.log,
#                  rs-status.txt and summary.txt to DIR.
#   verdict LOG    check a log of "<epoch second> <HTTP status>" lines (000: no answer) and write the per-second
#                  table beside it (per-second.log): fails on any status but 2xx, 304 and 503, when the API went
#                  longer than MAX_GAP_SECONDS without a 2xx or 304, or when the log does not end answered.
#
# Environment: NAMESPACE (restaurant), MAX_GAP_SECONDS (15), ELECTION_TIMEOUT_SECONDS (60), TIMEOUT_SECONDS (600),
# LOCAL_PORT (18081), POLL_SECONDS (1), LOAD_INTERVAL_SECONDS (0.1), STEADY_SECONDS (5: load before the kill and
# after the recovery).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

NAMESPACE="${NAMESPACE:-restaurant}"
STATEFULSET="${STATEFULSET:-mongo}"
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-600}"
LOCAL_PORT="${LOCAL_PORT:-18081}"
POLL_SECONDS="${POLL_SECONDS:-1}"
LOAD_INTERVAL_SECONDS="${LOAD_INTERVAL_SECONDS:-0.1}"
STEADY_SECONDS="${STEADY_SECONDS:-5}"
# The longest the API may go without a successful answer once the primary is gone. The secondaries call an election
# when they have not heard from the primary for electionTimeoutMillis (10 s by default, plus a random offset), and
# MongoDB puts the median time to elect a new primary at no more than 12 s. Meanwhile every request gives up server
# selection after 1 s (restaurant.mongodb.timeouts.server-selection) and the API answers 503; once a member has won,
# the driver, which checks the set every 500 ms while a selection waits, finds it within a second. 12 s, plus that
# second, plus a second of the log's resolution, plus a second for a busy two-CPU machine: 15 s.
MAX_GAP_SECONDS="${MAX_GAP_SECONDS:-15}"
# How long a new primary may take before the test gives up on it (the verdict judges the API's answers).
ELECTION_TIMEOUT_SECONDS="${ELECTION_TIMEOUT_SECONDS:-60}"
KNOWN_ID="55f14313c7447c3da705224b"

# Every query runs mongosh inside a member's mongod container, signed in as root with the credentials the pod has in
# its environment (from the release's Secret): the password never appears on a command line of this machine.
# shellcheck disable=SC2016 # the template literal is JavaScript, evaluated by mongosh inside the pod
CONNECT_JS='const env = process.env;
db = connect(`mongodb://${encodeURIComponent(env.MONGO_INITDB_ROOT_USERNAME)}:${encodeURIComponent(env.MONGO_INITDB_ROOT_PASSWORD)}@127.0.0.1:27017/admin?directConnection=true&serverSelectionTimeoutMS=2000`);'
# The member the queried one takes for primary, as "host:port", or nothing while there is none.
PRIMARY_JS='print(db.hello().primary ?? "");'
# One line per member: "<host:port> <state> <health>".
MEMBERS_JS='rs.status().members.forEach((m) => print(m.name + " " + m.stateStr + " " + m.health));'

# mongo_eval POD JS — runs JS in POD's mongod container, connected as above.
mongo_eval() {
  kubectl --namespace "$NAMESPACE" exec "$1" -c mongod -- mongosh --quiet --norc --nodb --eval "$CONNECT_JS $2"
}

# primary_of POD — prints the pod name of the primary POD knows of (mongo-<n>), or nothing.
primary_of() {
  local host
  host="$(mongo_eval "$1" "$PRIMARY_JS")" || return 1
  [[ -z "$host" ]] || printf '%s\n' "${host%%.*}"
}

# whole POD — true when POD sees one primary and every other member a secondary, all of them healthy.
whole() {
  local members
  members="$(mongo_eval "$1" "$MEMBERS_JS")" || return 1
  awk -v want="$REPLICAS" '$3 == 1 && $2 == "PRIMARY" { p++ } $3 == 1 && $2 == "SECONDARY" { s++ }
    END { exit !(p == 1 && s == want - 1) }' <<< "$members"
}

# elected POD OLD — true when POD knows of a primary other than OLD.
elected() {
  local primary
  primary="$(primary_of "$1")" || return 1
  [[ -n "$primary" && "$primary" != "$2" ]]
}

# within SECONDS DESCRIPTION COMMAND... — runs COMMAND every POLL_SECONDS until it succeeds; fails after SECONDS.
within() {
  local seconds="$1" description="$2" deadline
  shift 2
  deadline=$((EPOCHSECONDS + seconds))
  until "$@" 2> /dev/null; do
    ((EPOCHSECONDS < deadline)) || die "$description: not within ${seconds}s"
    sleep "$POLL_SECONDS"
  done
}

# keep_forwarding SERVICE PORT LOG — keeps `kubectl port-forward` from LOCAL_PORT to SERVICE running until this
# function's process is terminated. A forward follows the one pod it picked, and ends when it loses it; then it is
# started again, and picks a pod anew.
keep_forwarding() {
  local service="$1" port="$2" log="$3" pid=""
  trap 'kill "$pid" 2> /dev/null; wait "$pid"; exit 0' TERM
  while :; do
    kubectl --namespace "$NAMESPACE" port-forward "service/$service" "$LOCAL_PORT:$port" >> "$log" 2>&1 &
    pid=$!
    wait "$pid" || true
    printf '%s port-forward ended; starting it again\n' "$EPOCHSECONDS" >> "$log"
    sleep 1
  done
}

# load URL LOG STOP — requests URL until the file STOP exists, appending "<epoch second> <status>" for each answer
# to LOG (000: no HTTP answer within 5 s).
load() {
  local url="$1" out="$2" stop="$3" code
  until [[ -e "$stop" ]]; do
    code="$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 5 "$url")" || true
    printf '%s %s\n' "$EPOCHSECONDS" "${code:-000}" >> "$out"
    sleep "$LOAD_INTERVAL_SECONDS"
  done
}

# restaurant_count API — the length of the unpaged list.
restaurant_count() {
  curl --silent --show-error --fail --max-time 30 "$1" | jq 'length'
}

# restaurant API — the known restaurant, keys sorted.
restaurant() {
  curl --silent --show-error --fail --max-time 30 "$1/$KNOWN_ID" | jq --sort-keys --compact-output .
}

verdict() {
  local requests="$1" table
  [[ -s "$requests" ]] || die "$requests holds no response"
  table="$(dirname "$requests")/per-second.log"
  awk -v max_gap="$MAX_GAP_SECONDS" -v table="$table" '
    { second = $1; status = $2; total++
      if (NR == 1) first = second
      last = second
      if (status ~ /^2[0-9][0-9]$/ || status == "304") ok[second]++
      else if (status == "503") unavailable[second]++
      else if (status == "000") unanswered[second]++
      else { other[second]++; others++; if (!((status) in seen)) { seen[status] = 1; statuses = statuses " " status } } }
    END {
      print "# second 2xx/304 503 no-answer other" > table
      for (s = first; s <= last; s++) {
        printf "%d %d %d %d %d\n", s, ok[s], unavailable[s], unanswered[s], other[s] > table
        if (ok[s]) run = 0; else if (++run > gap) gap = run
        if (unavailable[s]) seconds503++
        oks += ok[s]; n503 += unavailable[s]; none += unanswered[s]
      }
      printf "failover: %d responses over %d s: %d 2xx/304, %d 503, %d without an answer, %d other\n", total, last - first + 1, oks, n503, none, others
      printf "failover: 503 during %d s; longest time without a successful answer %d s (at most %d s)\n", seconds503, gap, max_gap
      failed = 0
      if (others) { printf "failover: FAIL %d responses answered%s: the API may answer 2xx, 304 or 503 only\n", others, statuses; failed = 1 }
      if (gap > max_gap) { printf "failover: FAIL the API went %d s without a successful answer, more than %d s\n", gap, max_gap; failed = 1 }
      if (!ok[last]) { printf "failover: FAIL the API was not answering again when the log ended\n"; failed = 1 }
      exit failed
    }' "$requests"
}

# The run's state, for the clean-up on exit: the load's stop file and process, the port-forward's process, the
# summary file, and the member to read the set's final state from.
STOP=""
LOAD_PID=""
FORWARD_PID=""
SUMMARY=/dev/null
STATUS_POD=""

# report LINE — prints "failover: LINE" and adds it to the summary.
report() {
  printf 'failover: %s\n' "$1" | tee -a "$SUMMARY"
}

stop_load() {
  [[ -n "$LOAD_PID" ]] || return 0
  touch "$STOP"
  wait "$LOAD_PID" || true
  LOAD_PID=""
}

clean_up() {
  stop_load
  if [[ -n "$FORWARD_PID" ]]; then
    kill "$FORWARD_PID" 2> /dev/null || true
    wait "$FORWARD_PID" || true
  fi
  [[ -z "$STATUS_POD" ]] || mongo_eval "$STATUS_POD" 'printjson(rs.status());' > "$(dirname "$SUMMARY")/rs-status.txt" 2>&1 || true
}

# check_data API COUNT RESTAURANT WHEN — the API still lists COUNT restaurants and serves RESTAURANT unchanged.
check_data() {
  local api="$1" count="$2" expected="$3" when="$4" got status=0
  got="$(restaurant_count "$api")" || got="no list"
  if [[ "$got" == "$count" ]]; then
    report "ok   $got restaurants $when"
  else
    report "FAIL $got restaurants $when, $count before"
    status=1
  fi
  got="$(restaurant "$api")" || got=""
  if [[ "$got" == "$expected" ]]; then
    report "ok   restaurant $KNOWN_ID unchanged $when"
  else
    report "FAIL restaurant $KNOWN_ID $when is ${got:-missing}, was $expected"
    status=1
  fi
  return "$status"
}

run() {
  local dir="$1" service port api failures=0
  local count_before restaurant_before old survivor member new killed_at elected_at rejoined_at
  mkdir -p "$dir"
  STOP="$dir/.stop-load"
  SUMMARY="$dir/summary.txt"
  rm -f "$STOP" "$dir/requests.log" "$SUMMARY"
  REPLICAS="$(kubectl --namespace "$NAMESPACE" get statefulset "$STATEFULSET" --output jsonpath='{.spec.replicas}')"
  [[ "$REPLICAS" =~ ^[0-9]+$ ]] || die "no StatefulSet $STATEFULSET in namespace $NAMESPACE"
  STATUS_POD="$STATEFULSET-0"
  trap clean_up EXIT

  log "waiting for one primary and $((REPLICAS - 1)) secondaries"
  within "$TIMEOUT_SECONDS" "the replica set did not have one primary and $((REPLICAS - 1)) secondaries" \
    whole "$STATEFULSET-0"

  read -r service port < <(app_service "$NAMESPACE") || die "no Service labelled app.kubernetes.io/instance=app"
  log "port-forwarding localhost:$LOCAL_PORT to service/$service:$port"
  keep_forwarding "$service" "$port" "$dir/port-forward.log" &
  FORWARD_PID=$!
  api="http://127.0.0.1:$LOCAL_PORT/api/v1/restaurant"
  within 120 "the API did not answer through the port-forward" \
    curl --silent --fail --max-time 5 --output /dev/null "$api/$KNOWN_ID"
  count_before="$(restaurant_count "$api")"
  restaurant_before="$(restaurant "$api")"
  log "the API lists $count_before restaurants; starting the load on $api/$KNOWN_ID"

  load "$api/$KNOWN_ID" "$dir/requests.log" "$STOP" &
  LOAD_PID=$!
  sleep "$STEADY_SECONDS"

  old="$(primary_of "$STATEFULSET-0")"
  [[ "$old" =~ ^$STATEFULSET-[0-9]+$ ]] || die "found no primary pod (got '$old')"
  # The hardest delete there is: the pod object goes at once, so the StatefulSet creates the member again straight
  # away, and the container is killed without the chart's 60 s grace period. A normal delete would let mongod, as a
  # primary being shut down does, step down and hand over first, which tests less.
  log "killing the primary's pod $old (--grace-period=0 --force)"
  kubectl --namespace "$NAMESPACE" delete pod "$old" --grace-period=0 --force
  killed_at=$EPOCHSECONDS

  for ((member = 0; member < REPLICAS; member++)); do
    survivor="$STATEFULSET-$member"
    [[ "$survivor" == "$old" ]] || break
  done
  STATUS_POD="$survivor"
  within "$ELECTION_TIMEOUT_SECONDS" "no member other than $old became primary" elected "$survivor" "$old"
  elected_at=$EPOCHSECONDS
  new="$(primary_of "$survivor")"
  log "$new is primary, $((elected_at - killed_at))s after the kill; waiting for $old to be a secondary again"
  within "$TIMEOUT_SECONDS" "$old did not rejoin the set as a secondary" whole "$new"
  rejoined_at=$EPOCHSECONDS
  sleep "$STEADY_SECONDS"
  stop_load

  report "primary $old killed; $new elected after $((elected_at - killed_at)) s; $old a secondary again after $((rejoined_at - killed_at)) s"
  verdict "$dir/requests.log" | tee -a "$SUMMARY" || failures=$((failures + 1))
  check_data "$api" "$count_before" "$restaurant_before" "after the failover" || failures=$((failures + 1))

  log "running the seed Job again (helm upgrade seed --reuse-values)"
  if helm upgrade seed "$ROOT/charts/seed" --namespace "$NAMESPACE" --reuse-values \
    --wait --wait-for-jobs --timeout "${TIMEOUT_SECONDS}s"; then
    report "ok   the seed Job ran again"
    check_data "$api" "$count_before" "$restaurant_before" "after the reseed" || failures=$((failures + 1))
  else
    report "FAIL the seed Job did not run again"
    failures=$((failures + 1))
  fi
  ((failures == 0)) || die "the failover test failed (see $SUMMARY)"
  log "the API kept answering through the failover and kept every restaurant"
}

case "${1:-}" in
  run) [[ $# -eq 2 ]] || die "usage: $0 run DIR"; run "$2" ;;
  verdict) [[ $# -eq 2 ]] || die "usage: $0 verdict LOG"; verdict "$2" ;;
  -h | --help) usage "$0" ;;
  *) usage "$0" >&2; exit 2 ;;
esac
