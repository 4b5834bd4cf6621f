#!/usr/bin/env bash
# `make bench` / `make bench-quick`: measures chansync against bare baselines on this machine.
# Starts its own redis-server (AOF, fsync every second), pmssim and `chansync serve` on free
# 127.0.0.1 ports, runs tools/loadgen, prints a table and writes BUILD_DIR/bench-results.json.
# It reports; it never fails on a figure. Usage: tests/bench/run.sh BUILD_DIR [--quick]
# Scenario 5 (planning) runs last on its own redis-server, pmssim, portalsim and chansync.
# CHANSYNC_BENCH_WORKERS (default 4) sets chansync's workers; CHANSYNC_BENCH_KEEP=1 keeps the
# temp dir (logs, data) for a look afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build-release}" && pwd)
quick=0
[ "${2:-}" = "--quick" ] && quick=1

loadgen=$build/tools/loadgen/loadgen
chansync=$build/app/chansync
pmssim=$build/tools/pmssim/pmssim
portalsim=$build/tools/portalsim/portalsim
fiassim=$build/tools/fiassim/fiassim
for binary in "$loadgen" "$chansync" "$pmssim" "$portalsim" "$fiassim"; do
  [ -x "$binary" ] || { echo "run.sh: $binary is not built" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "run.sh: jq is needed (make install)" >&2; exit 2; }

properties=50
channels=3
products=4
workers=${CHANSYNC_BENCH_WORKERS:-4}
if [ "$quick" = 1 ]; then
  seconds=3; drain_count=5000; drain_timeout=60; postings_count=2000; mode=quick
else
  seconds=10; drain_count=100000; drain_timeout=360; postings_count=20000; mode=full
fi

work=$(mktemp -d /tmp/chansync-bench.XXXXXX)
results=$work/results.jsonl
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${CHANSYNC_BENCH_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# wait_for_file FILE NAME [SECONDS, default 10]
wait_for_file() {
  for _ in $(seq $((${3:-10} * 20))); do
    [ -s "$1" ] && return 0
    sleep 0.05
  done
  echo "run.sh: $2 did not start within ${3:-10} s; see $work" >&2
  CHANSYNC_BENCH_KEEP=1
  exit 1
}

# Tabs to aligned columns when column(1) is there; tabs otherwise.
align_columns() {
  if command -v column >/dev/null; then column -t -s $'\t'; else cat; fi
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Starts a redis-server (AOF, fsync every second) in $work/$1; sets redis_port, redis_pid, redis.
start_redis() {
  redis_port=$(free_port)
  mkdir -p "$work/$1"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/$1" --appendonly yes \
    --appendfsync everysec --save "" --daemonize no --loglevel warning >"$work/$1.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  redis=127.0.0.1:$redis_port
}

# --- redis-server, pmssim -------------------------------------------------------------------
start_redis redis

units=1000000
product_list() {
  local k sep=""
  for ((k = 0; k < products; k++)); do
    printf '%s{"id": "u%d", "name": "Unit type %d", "units": %d}' "$sep" "$k" "$k" "$units"
    sep=", "
  done
}
property_id() { printf 'bp%03d' "$1"; }

# The postings scenario's in-house guests (postings_workload.h): stays BS000.. in rooms 100..,
# checked in, on the first two properties.
posting_stays=50
stay_list() {
  local k sep="" today
  today=$(date -u +%F)
  for ((k = 0; k < posting_stays; k++)); do
    printf '%s{"id": "BS%03d", "first_name": "Guest", "last_name": "Bench%03d", "room": "%d",' \
      "$sep" "$k" "$k" "$((100 + k))"
    printf ' "company": "", "state": "checked_in", "charge_transfers_allowed": true,'
    printf ' "arrival": "%s", "departure": "%s", "folio_id": "BF%03d"}' \
      "$(date -u -d "$today - 1 day" +%F)" "$(date -u -d "$today + 3 days" +%F)" "$k"
    sep=", "
  done
}
{
  echo '{"properties": ['
  for ((p = 0; p < properties; p++)); do
    [ "$p" -gt 0 ] && echo ','
    folios=""
    [ "$p" -lt 2 ] && folios=$(printf ', "folios": {"currency": "EUR", "stays": [%s], "accounts": ["Deposit"]}' "$(stay_list)")
    printf '{"id": "%s", "name": "Bench %d", "products": [%s], "options": [], "reservations": []%s}' \
      "$(property_id "$p")" "$p" "$(product_list)" "$folios"
  done
  echo ']}'
} >"$work/pms-data.json"
# pmssim holds one thread per open connection. chansync keeps up to 4 workers x 8 in flight
# connections for its writes plus those of its catalog and check clients, kept alive for 5 s
# after use: with only 32 threads the last connections to open waited for an idle one to time
# out, and a worker's first batch stalled 5 s.
"$pmssim" --data "$work/pms-data.json" --listen 127.0.0.1:0 --ready-file "$work/pms.ready" \
  --threads 64 >"$work/pmssim.log" 2>&1 &
pmssim_pid=$!
pids+=("$pmssim_pid")
wait_for_file "$work/pms.ready" pmssim
pms_url=http://127.0.0.1:$(head -1 "$work/pms.ready")

# --- declarations: every channel product linked to the PMS product of the same index ---------
{
  echo '{"channels": ['
  for ((c = 0; c < channels; c++)); do
    [ "$c" -gt 0 ] && echo ','
    printf '{"id": "bch%d", "name": "Bench channel %d", "planning_endpoint": ""}' "$c" "$c"
  done
  echo '], "properties": ['
  for ((p = 0; p < properties; p++)); do
    [ "$p" -gt 0 ] && echo ','
    printf '{"id": "%s", "name": "Bench %d", "timezone": "Europe/Paris", "mode": "pms",' \
      "$(property_id "$p")" "$p"
    printf ' "levels": {"nightly_planning": true, "availability_recheck": true, "auto_integration": true},'
    printf ' "multi_link": true, "pms": {"endpoint": "%s", "gateway_id": "BENCH-%d", "credentials": ""},' \
      "$pms_url" "$p"
    printf ' "pms_catalog": {"products": [%s], "options": []}, "channel_products": {' "$(product_list)"
    for ((c = 0; c < channels; c++)); do
      [ "$c" -gt 0 ] && printf ', '
      printf '"bch%d": [' "$c"
      for ((k = 0; k < products; k++)); do
        [ "$k" -gt 0 ] && printf ', '
        printf '{"id": "bch%d-P%d", "name": "Product %d", "options": []}' "$c" "$k" "$k"
      done
      printf ']'
    done
    printf '}, "links": ['
    for ((c = 0; c < channels; c++)); do
      for ((k = 0; k < products; k++)); do
        [ "$c$k" != "00" ] && printf ', '
        printf '{"channel": "bch%d", "channel_product": "bch%d-P%d", "pms_product": "u%d"}' \
          "$c" "$c" "$k" "$k"
      done
    done
    printf ']}\n'
  done
  echo ']}'
} >"$work/declarations.json"
declarations=$work/declarations.json

shape=(--properties "$properties" --channels "$channels" --products "$products")
measure() {
  echo "  $1 ..." >&2
  "$loadgen" "$@" >>"$results" || echo "  $1 exited with status $? (its line says why)" >&2
}

# measure_as NAME SUBCOMMAND FLAGS...: the same, recorded under NAME (a subcommand run twice).
measure_as() {
  local name=$1
  shift
  echo "  $1 ($name) ..." >&2
  "$loadgen" "$@" | jq -c --arg name "$name" '.benchmark = $name' >>"$results" ||
    echo "  $1 ($name) exited with an error (its line says why)" >&2
}

# Every call to chansync carries an API key, as a portal's or an operator's would, so the figures
# include the key check: a vendor key (every right), made on $redis before each start (a new
# Redis or a FLUSHALL loses it), read by loadgen and h2load from $api_key_file.
api_key_file=$work/api.key
auth=(--api-key-file "$api_key_file")

# start_chansync WORKERS [more serve flags]: serves $declarations on $redis. The per-channel rate
# limit is off: these scenarios measure what ingest can take, and a few channels push it all.
start_chansync() {
  rm -f "$work/chansync.ready"
  "$chansync" keys create --role vendor --name bench --redis "$redis" | tail -1 >"$api_key_file"
  "$chansync" serve --listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --redis "$redis" \
    --workers "$1" --declarations "$declarations" --ready-file "$work/chansync.ready" \
    --rate-limit-per-channel 0 --log-level warn "${@:2}" >>"$work/chansync.log" 2>&1 &
  chansync_pid=$!
  pids+=("$chansync_pid")
  # Declarations are applied before serving: 1,000 properties take a few seconds.
  local started=$EPOCHREALTIME
  wait_for_file "$work/chansync.ready" chansync 120
  chansync_start_s=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
  grpc=$(sed -n 1p "$work/chansync.ready")
  http=$(sed -n 2p "$work/chansync.ready" | sed 's/^http=//')
}

stop_chansync() {
  kill "$chansync_pid"
  wait "$chansync_pid" 2>/dev/null || true
}

echo "chansync bench ($mode): redis $redis, pmssim $pms_url, work dir $work" >&2

# --- baselines ------------------------------------------------------------------------------
measure baseline-xadd --redis "$redis" --seconds "$seconds" --pipeline 64 --payload-bytes 1024
measure baseline-grpc-echo --seconds "$seconds" --in-flight 64
measure baseline-http-echo --seconds "$seconds" --threads 8
measure baseline-pms --pms "$pms_url" --seconds "$seconds" --threads 8 "${shape[@]}" --run pmsbase

# --- ingest alone (no workers, so only the ingest path is measured) ---------------------------
start_chansync 0
measure ingest-grpc --grpc "$grpc" --seconds "$seconds" --in-flight 64 "${shape[@]}" --run ig \
  "${auth[@]}"
measure ingest-http --http "$http" --seconds "$seconds" --threads 8 "${shape[@]}" --run ih \
  "${auth[@]}"
echo "  h2load ingest, HTTP then gRPC ..." >&2
"$root/tests/bench/h2load_ingest.sh" "$loadgen" "$grpc" "$http" "$work" "$((seconds * 4000))" \
  "$api_key_file" "${shape[@]}" >>"$results" || echo "  h2load ingest exited with an error" >&2
measure ingest-batch --grpc "$grpc" --seconds "$seconds" --streams 2 --per-stream 2000 \
  "${shape[@]}" --run ib "${auth[@]}"
# The re-check a portal makes while the guest books, against the same check asked of pmssim:
# one guest at a time (the latency a guest waits), then 4 at once (both sides share the CPU).
measure_as check-latency check-latency --grpc "$grpc" --pms "$pms_url" --seconds "$seconds" \
  --threads 1 "${shape[@]}" --run ck "${auth[@]}"
measure_as check-latency-loaded check-latency --grpc "$grpc" --pms "$pms_url" \
  --seconds "$seconds" --threads 4 "${shape[@]}" --run cl "${auth[@]}"
stop_chansync

# --- durability: the unary ingest above under each --durability (docs/RELIABILITY.md) --------
# everysec is the ingest-grpc figure above. always: the same server, which this script owns, told
# to fsync every write. replicated: a replica follows it and each accepted push waits for its copy.
redis-cli -p "$redis_port" CONFIG SET appendfsync always >/dev/null
start_chansync 0 --durability always
measure_as ingest-grpc-always ingest-grpc --grpc "$grpc" --seconds "$seconds" --in-flight 64 \
  "${shape[@]}" --run iga "${auth[@]}"
stop_chansync
redis-cli -p "$redis_port" CONFIG SET appendfsync everysec >/dev/null
replica_port=$(free_port)
mkdir -p "$work/replica"
redis-server --port "$replica_port" --bind 127.0.0.1 --dir "$work/replica" --save "" \
  --replicaof 127.0.0.1 "$redis_port" --daemonize no --loglevel warning >"$work/replica.log" 2>&1 &
replica_pid=$!
pids+=("$replica_pid")
for _ in $(seq 200); do
  redis-cli -p "$replica_port" INFO replication 2>/dev/null | grep -q 'master_link_status:up' && break
  sleep 0.05
done
start_chansync 0 --durability replicated
measure_as ingest-grpc-replicated ingest-grpc --grpc "$grpc" --seconds "$seconds" --in-flight 64 \
  "${shape[@]}" --run igr "${auth[@]}"
stop_chansync
kill "$replica_pid"
wait "$replica_pid" 2>/dev/null || true

# --- drain: a clean store, workers on, M reservations end to end ------------------------------
# pmssim's create rate is measured again just before and just after the drain, and the drain
# is compared to their mean: load from elsewhere on a shared machine then moves both sides.
measure_as baseline-pms-before baseline-pms --pms "$pms_url" --seconds "$seconds" --threads 8 \
  "${shape[@]}" --run pmsb
redis-cli -p "$redis_port" FLUSHALL >/dev/null
start_chansync "$workers"
ticks_before=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")" "$(cpu_ticks "$pmssim_pid")")
measure drain --grpc "$grpc" --redis "$redis" --count "$drain_count" --timeout "$drain_timeout" \
  --chansync-pid "$chansync_pid" "${shape[@]}" --run dr "${auth[@]}"
ticks_after=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")" "$(cpu_ticks "$pmssim_pid")")
hz=$(getconf CLK_TCK)
jq -nc --argjson hz "$hz" \
  --argjson c "$((ticks_after[0] - ticks_before[0]))" \
  --argjson r "$((ticks_after[1] - ticks_before[1]))" \
  --argjson p "$((ticks_after[2] - ticks_before[2]))" \
  --argjson stats "$(curl -fsS "$pms_url/admin/stats")" \
  '{benchmark: "drain-cpu", chansync_cpu_s: ($c / $hz), redis_cpu_s: ($r / $hz),
    pmssim_cpu_s: ($p / $hz), pmssim_stats: $stats}' >>"$results"
stop_chansync
measure_as baseline-pms-after baseline-pms --pms "$pms_url" --seconds "$seconds" --threads 8 \
  "${shape[@]}" --run pmsa

# --- scenario 6, postings: till charges to in-house guests, end to end -----------------------
# pmssim's own posting rate just before and just after, as for the drain (8 threads); then 16
# tills charge bp000's guests as fast as chansync accepts (done when pmssim has booked them
# all), then 4 tills charge bp001's at half that rate, whose acceptance -> booking times give
# the latency a till's charge sees under a steady load.
postings_shape=(--stays "$posting_stays")
measure_as baseline-pms-postings-before baseline-pms-postings --pms "$pms_url" \
  --seconds "$seconds" --threads 8 --property bp000 "${postings_shape[@]}" --run ppb
redis-cli -p "$redis_port" FLUSHALL >/dev/null
start_chansync "$workers"
for property in bp000 bp001; do
  "$chansync" posting-setup --property "$property" --revenue-centre bar=OUT-BAR:TC-200 \
    --server "$grpc" --key-file "$api_key_file" >/dev/null
done
ticks_before=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")" "$(cpu_ticks "$pmssim_pid")")
measure postings-drain --http "$http" --pms "$pms_url" --count "$postings_count" \
  --property bp000 "${postings_shape[@]}" --tills 16 --run pd "${auth[@]}"
ticks_after=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")" "$(cpu_ticks "$pmssim_pid")")
jq -nc --argjson hz "$(getconf CLK_TCK)" \
  --argjson c "$((ticks_after[0] - ticks_before[0]))" \
  --argjson r "$((ticks_after[1] - ticks_before[1]))" \
  --argjson p "$((ticks_after[2] - ticks_before[2]))" \
  '{benchmark: "postings-cpu", chansync_cpu_s: ($c / $hz), redis_cpu_s: ($r / $hz),
    pmssim_cpu_s: ($p / $hz)}' >>"$results"
half_rate=$(jq -s 'map(select(.benchmark == "postings-drain")) | (.[0].postings_per_s // 200) / 2
  | floor | if . < 1 then 1 else . end' "$results")
measure postings-latency --http "$http" --pms "$pms_url" --rate "$half_rate" \
  --seconds "$seconds" --property bp001 "${postings_shape[@]}" --tills 4 --run pl "${auth[@]}"
stop_chansync
measure_as baseline-pms-postings-after baseline-pms-postings --pms "$pms_url" \
  --seconds "$seconds" --threads 8 --property bp000 "${postings_shape[@]}" --run ppa

# --- scenario 6b, postings over FIAS: the same drain to a property on a FIAS interface ---------
# fiassim holds the same 50 guests (guest numbers BS000.., rooms 100..); bf000 is declared on it
# (pms.kind fias). One link carries one posting at a time, so this is the rate of the P# round
# trip with its outbox writes, as a ratio of the HTTP drain above (16 tills each).
{
  printf '{"guests": ['
  for ((k = 0; k < posting_stays; k++)); do
    [ "$k" -gt 0 ] && printf ', '
    printf '{"room": "%d", "guest": "BS%03d", "name": "Bench%03d"}' "$((100 + k))" "$k" "$k"
  done
  printf ']}\n'
} >"$work/fias-guests.json"
"$fiassim" --data "$work/fias-guests.json" --fias-listen 127.0.0.1:0 \
  --fias-ready-file "$work/fias.ready" --listen 127.0.0.1:0 --ready-file "$work/fias-control.ready" \
  >"$work/fiassim.log" 2>&1 &
fiassim_pid=$!
pids+=("$fiassim_pid")
wait_for_file "$work/fias.ready" fiassim
wait_for_file "$work/fias-control.ready" fiassim
fias_control=http://127.0.0.1:$(head -1 "$work/fias-control.ready")
printf '{"channels": [], "properties": [{"id": "bf000", "name": "Bench FIAS", %s%s}]}\n' \
  '"timezone": "Europe/Paris", "pms": {"kind": "fias", "host": "127.0.0.1", ' \
  "\"port\": $(head -1 "$work/fias.ready")}" >"$work/fias-declarations.json"
http_declarations=$declarations
declarations=$work/fias-declarations.json
redis-cli -p "$redis_port" FLUSHALL >/dev/null
start_chansync "$workers"
"$chansync" posting-setup --property bf000 --revenue-centre bar=OUT-BAR:TC-200 \
  --server "$grpc" --key-file "$api_key_file" >/dev/null
measure_as postings-drain-fias postings-drain --http "$http" --fias-control "$fias_control" \
  --count "$postings_count" --property bf000 "${postings_shape[@]}" --tills 16 --run pf "${auth[@]}"
stop_chansync
kill "$fiassim_pid" 2>/dev/null || true
declarations=$http_declarations

# --- scenario 5, planning ------------------------------------------------------------------
# Properties pl0000.. (PMS mode, level 1 on) each sell plan_products products on channel plch,
# whose planning goes to portalsim; "big" sells big_products products with level 1 off, so the
# nightly catch-up a fresh service runs at start leaves it to the two forced refreshes. Then
# PMS changes (reservations integrated by the workers) reach the portal as deltas.
if [ "$quick" = 1 ]; then
  plan_properties=50; delta_samples=10; nightly_timeout=120
else
  plan_properties=1000; delta_samples=50; nightly_timeout=300
fi
plan_products=20
big_products=50

# json_list N FORMAT: FORMAT printed for k = 0 .. N-1 (given k twice), joined by ", ".
json_list() {
  local k sep=""
  for ((k = 0; k < $1; k++)); do
    # shellcheck disable=SC2059 # the format is the argument
    printf "%s$2" "$sep" "$k" "$k"
    sep=", "
  done
}
# The three lists of a planning property with $1 products: PMS products, what plch sells, links.
planning_pms_products() { json_list "$1" '{"id": "p%02d", "name": "Unit type %d", "units": 20}'; }
planning_channel_products() {
  json_list "$1" '{"id": "plch-p%02d", "name": "Product %d", "options": []}'
}
planning_links() {
  json_list "$1" '{"channel": "plch", "channel_product": "plch-p%02d", "pms_product": "p%02d"}'
}
planning_property_id() { printf 'pl%04d' "$1"; }

echo "  planning estate: $plan_properties x $plan_products products, big x $big_products ..." >&2
small_pms=$(planning_pms_products "$plan_products")
big_pms=$(planning_pms_products "$big_products")
{
  echo '{"properties": ['
  for ((p = 0; p < plan_properties; p++)); do
    printf '{"id": "%s", "name": "Planning %d", "products": [%s], "options": [], "reservations": []},\n' \
      "$(planning_property_id "$p")" "$p" "$small_pms"
  done
  printf '{"id": "big", "name": "Big", "products": [%s], "options": [], "reservations": []}\n' \
    "$big_pms"
  echo ']}'
} >"$work/planning-pms-data.json"
"$pmssim" --data "$work/planning-pms-data.json" --listen 127.0.0.1:0 \
  --ready-file "$work/planning-pms.ready" --threads 16 >"$work/planning-pmssim.log" 2>&1 &
plan_pmssim_pid=$!
pids+=("$plan_pmssim_pid")
wait_for_file "$work/planning-pms.ready" pmssim
plan_pms_url=http://127.0.0.1:$(head -1 "$work/planning-pms.ready")
"$portalsim" --listen 127.0.0.1:0 --ready-file "$work/portal.ready" --threads 16 \
  >"$work/portalsim.log" 2>&1 &
portalsim_pid=$!
pids+=("$portalsim_pid")
wait_for_file "$work/portal.ready" portalsim
portal_url=http://$(head -1 "$work/portal.ready")

# $1 id, $2 level 1 on (true/false), $3 its PMS products, $4 its product count.
planning_property() {
  printf '{"id": "%s", "name": "%s", "timezone": "Europe/Paris", "mode": "pms",' "$1" "$1"
  printf ' "levels": {"nightly_planning": %s, "availability_recheck": true, "auto_integration": true},' "$2"
  printf ' "multi_link": false, "pms": {"endpoint": "%s", "gateway_id": "PL-%s", "credentials": ""},' \
    "$plan_pms_url" "$1"
  printf ' "pms_catalog": {"products": [%s], "options": []},' "$3"
  printf ' "channel_products": {"plch": [%s]}, "links": [%s]}' \
    "$(planning_channel_products "$4")" "$(planning_links "$4")"
}
{
  printf '{"channels": [{"id": "plch", "name": "Planning channel", "planning_endpoint": "%s"}],\n' \
    "$portal_url/v1/channels/plch/planning"
  echo '"properties": ['
  small_property=$(planning_property PLACEHOLDER true "$small_pms" "$plan_products")
  for ((p = 0; p < plan_properties; p++)); do
    printf '%s,\n' "${small_property//PLACEHOLDER/$(planning_property_id "$p")}"
  done
  planning_property big false "$big_pms" "$big_products"
  echo ']}'
} >"$work/planning-declarations.json"

start_redis redis-planning
declarations=$work/planning-declarations.json
start_chansync 2 --instance bench-planning
jq -nc --argjson s "$chansync_start_s" '{benchmark: "planning-start", seconds: $s}' >>"$results"
plan_ticks_before=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")"
  "$(cpu_ticks "$plan_pmssim_pid")" "$(cpu_ticks "$portalsim_pid")")
measure planning-nightly --grpc "$grpc" --properties "$plan_properties" \
  --timeout "$nightly_timeout" "${auth[@]}"
plan_ticks_after=("$(cpu_ticks "$chansync_pid")" "$(cpu_ticks "$redis_pid")"
  "$(cpu_ticks "$plan_pmssim_pid")" "$(cpu_ticks "$portalsim_pid")")
jq -nc --argjson hz "$(getconf CLK_TCK)" \
  --argjson c "$((plan_ticks_after[0] - plan_ticks_before[0]))" \
  --argjson r "$((plan_ticks_after[1] - plan_ticks_before[1]))" \
  --argjson p "$((plan_ticks_after[2] - plan_ticks_before[2]))" \
  --argjson s "$((plan_ticks_after[3] - plan_ticks_before[3]))" \
  '{benchmark: "planning-nightly-cpu", chansync_cpu_s: ($c / $hz), redis_cpu_s: ($r / $hz),
    pmssim_cpu_s: ($p / $hz), portalsim_cpu_s: ($s / $hz)}' >>"$results"
measure planning-forced --grpc "$grpc" --portal "$portal_url" --property big "${auth[@]}"
measure planning-delta --grpc "$grpc" --portal "$portal_url" --properties "$plan_properties" \
  --samples "$delta_samples" --run pd "${auth[@]}"
stop_chansync

# --- report ---------------------------------------------------------------------------------
machine=$(jq -nc --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
  --argjson nproc "$(nproc)" --arg mode "$mode" --argjson workers "$workers" \
  '{cpu: $cpu, nproc: $nproc, mode: $mode, workers: $workers}')
jq -s --argjson machine "$machine" '
  (map({key: .benchmark, value: .}) | from_entries) as $r
  | def ratio(a; b): if b > 0 then a / b else 0 end;
  {
    machine: $machine,
    results: $r,
    figures: [
      {name: "ingest gRPC unary (64 in flight)", value: $r["ingest-grpc"].ops_per_s,
       baseline_name: "bare gRPC echo", baseline: $r["baseline-grpc-echo"].ops_per_s,
       target: 0.5},
      {name: "ingest HTTP (8 keep-alive clients)", value: $r["ingest-http"].ops_per_s,
       baseline_name: "bare HTTP echo", baseline: $r["baseline-http-echo"].ops_per_s,
       target: 0.5},
      {name: "ingest HTTP/1.1 (h2load, 64 connections)", value: $r["h2load-ingest-http"].ops_per_s,
       baseline_name: "ingest gRPC (h2load, 64 streams)",
       baseline: $r["h2load-ingest-grpc"].ops_per_s, target: 0.8},
      {name: "ingest gRPC stream (batched)", value: $r["ingest-batch"].ops_per_s,
       baseline_name: "pipelined XADD 1 KB", baseline: $r["baseline-xadd"].ops_per_s,
       target: 0.4},
      {name: "end to end (integrations/s)", value: $r["drain"].integrations_per_s,
       baseline_name: "pmssim direct create",
       baseline: (($r["baseline-pms-before"].create_per_s + $r["baseline-pms-after"].create_per_s) / 2),
       target: 0.5},
      {name: "postings end to end (booked/s)", value: $r["postings-drain"].postings_per_s,
       baseline_name: "pmssim direct posting",
       baseline: (($r["baseline-pms-postings-before"].postings_per_s
                   + $r["baseline-pms-postings-after"].postings_per_s) / 2),
       target: 0.5},
      {name: "postings over FIAS (booked/s)", value: $r["postings-drain-fias"].postings_per_s,
       baseline_name: "the same postings over HTTP",
       baseline: $r["postings-drain"].postings_per_s, target: 0.25}
    ] | map(. + {ratio: ratio(.value; .baseline)} | . + {met: (.ratio >= .target)}),
    latency: [
      {name: "availability re-check overhead p99 (us)",
       value: $r["check-latency"].overhead_p99_us, target_max: 2000,
       detail: "one at a time: chansync p50 \($r["check-latency"].chansync_p50_us | floor) / p99 \($r["check-latency"].chansync_p99_us | floor) us; pmssim p50 \($r["check-latency"].pms_p50_us | floor) / p99 \($r["check-latency"].pms_p99_us | floor) us"},
      {name: "  the same, 4 at once (us)",
       value: $r["check-latency-loaded"].overhead_p99_us, target_max: null,
       detail: "chansync p50 \($r["check-latency-loaded"].chansync_p50_us | floor) / p99 \($r["check-latency-loaded"].chansync_p99_us | floor) us; pmssim p50 \($r["check-latency-loaded"].pms_p50_us | floor) / p99 \($r["check-latency-loaded"].pms_p99_us | floor) us"},
      {name: "postings till -> PMS p99 (ms)",
       value: $r["postings-latency"].p99_ms, target_max: 1000,
       detail: "at \($r["postings-latency"].rate) postings/s (half the drain rate): p50 \($r["postings-latency"].p50_ms // 0 | floor) / max \($r["postings-latency"].max_ms // 0 | floor) ms over \($r["postings-latency"].measured) postings"}
    ] | map(. + {met: (if .target_max == null then null else (.value != null and .value <= .target_max) end)}),
    planning: [
      ($r["planning-forced"]) as $f | ($r["planning-nightly"]) as $n | ($r["planning-delta"]) as $d |
      {name: "forced refresh, cold (ms)", value: $f.cold_ms, target_max: 2000,
       detail: "\($f.property): \($f.products) products x \($f.days) days, \($f.cold_cells) cells pushed (portal got \($f.cold_portal_cells)); admin waited \($f.cold_wall_ms // 0 | floor) ms",
       complete: ($f.first_error == "")},
      {name: "forced refresh, nothing changed (ms)", value: $f.unchanged_ms, target_max: 2000,
       detail: "\($f.unchanged_cells) cells changed (portal got \($f.unchanged_portal_cells)); admin waited \($f.unchanged_wall_ms // 0 | floor) ms",
       complete: ($f.first_error == "")},
      {name: "nightly, \($n.properties) properties (s)", value: $n.wall_s, target_max: 300,
       detail: "\($n.refreshed) refreshed, \($n.failed) failed, \($n.products) products x \($n.days) days each; \($n.cells) cells, per property p50 \($n.property_p50_ms // 0 | floor) / p95 \($n.property_p95_ms // 0 | floor) ms",
       complete: ($n.complete == 1 and $n.failed == 0)},
      {name: "delta PMS change -> portal p95 (ms)", value: $d.p95_ms, target_max: 1000,
       detail: "p50 \($d.p50_ms // 0 | floor) / max \($d.max_ms // 0 | floor) ms over \($d.samples) samples, \($d.lost) lost",
       complete: ($d.lost == 0 and $d.samples > 0)}
    ] | map(. + {met: (.complete and .value != null and .value < .target_max)}),
    durability: [
      {name: "everysec (AOF fsync every second)", r: $r["ingest-grpc"]},
      {name: "always (AOF fsync every write)", r: $r["ingest-grpc-always"]},
      {name: "replicated (WAIT for one replica)", r: $r["ingest-grpc-replicated"]}
    ] | map({name, value: .r.ops_per_s, p50_us: .r.p50_us, p99_us: .r.p99_us,
             ratio: ratio(.r.ops_per_s; $r["ingest-grpc"].ops_per_s)}),
    footprint: {
      redis_bytes_per_record: $r["drain"].redis_bytes_per_record,
      target_bytes: 1024,
      met: ($r["drain"].redis_bytes_per_record <= 1024 and $r["drain"].integrated > 0),
      chansync_peak_rss_mib: ($r["drain"].chansync_peak_rss / 1048576)
    }
  }' "$results" >"$build/bench-results.json"

numbers='def n: if . == null then "-" else (. * 10 | round / 10 | tostring) end;'
jq -r "$numbers"'
  "machine: \(.machine.cpu), \(.machine.nproc) cores; \(.machine.mode) run, \(.machine.workers) workers",
  ""' "$build/bench-results.json"
jq -r "$numbers"'
  (["figure", "per s", "baseline", "per s", "ratio", "target", "met"] | @tsv),
  (.figures[] | [.name, (.value | n), .baseline_name, (.baseline | n),
                 ((.ratio * 100 | round | tostring) + " %"),
                 (">= " + (.target * 100 | tostring) + " %"), (if .met then "yes" else "NO" end)]
               | @tsv)' "$build/bench-results.json" | align_columns
jq -r "$numbers"'
  "",
  (["durability (ingest gRPC unary, 64 in flight)", "per s", "of everysec", "p50 us", "p99 us"] | @tsv),
  (.durability[] | [.name, (.value | n), ((.ratio * 100 | round | tostring) + " %"),
                    (.p50_us | n), (.p99_us | n)] | @tsv)' "$build/bench-results.json" | align_columns
jq -r "$numbers"'
  "",
  (["latency figure", "value", "target", "met", "detail"] | @tsv),
  (.latency[] | [.name, (.value | n),
                 (if .target_max == null then "-" else "<= " + (.target_max | tostring) end),
                 (if .met == null then "-" elif .met then "yes" else "NO" end), .detail] | @tsv)' \
  "$build/bench-results.json" | align_columns
jq -r "$numbers"'
  "",
  (["planning figure (scenario 5\(if .machine.mode == "quick" then ", scaled down" else "" end))", "value", "target", "met", "detail"] | @tsv),
  (.planning[] | [.name, (.value | n), ("< " + (.target_max | tostring)),
                  (if .met then "yes" else "NO" end), .detail] | @tsv)' \
  "$build/bench-results.json" | align_columns
jq -r "$numbers"'
  "",
  "drain: \(.results.drain.integrated) of \(.results.drain.pushed) integrated (\(.results.drain.failed) failed, \(.results.drain.unsettled) never settled) in \(.results.drain.drain_seconds | n) s; push \(.results.drain.push_per_s | n)/s",
  (if .results.drain.unsettled > 0 then "drain INCOMPLETE: \(.results.drain.unsettled) accepted reservations never settled (nothing for 15 s)" else empty end),
  "push->integrated latency ms: p50 \(.results.drain.latency_p50_ms | n), p99 \(.results.drain.latency_p99_ms | n), p99.9 \(.results.drain.latency_p999_ms | n)",
  "pmssim direct create around the drain: \(.results["baseline-pms-before"].create_per_s | n)/s before, \(.results["baseline-pms-after"].create_per_s | n)/s after",
  "pmssim: check \(.results["baseline-pms"].check_per_s | n)/s (p50 \(.results["baseline-pms"].check_p50_us | n) us, p99 \(.results["baseline-pms"].check_p99_us | n) us), create p50 \(.results["baseline-pms"].create_p50_us | n) us",
  "ingest latency us: gRPC p50 \(.results["ingest-grpc"].p50_us | n) p99 \(.results["ingest-grpc"].p99_us | n); HTTP p50 \(.results["ingest-http"].p50_us | n) p99 \(.results["ingest-http"].p99_us | n)",
  "redis bytes per integration record: \(.footprint.redis_bytes_per_record | n) (target <= 1024: \(if .footprint.met then "yes" else "NO" end))",
  "chansync peak RSS: \(.footprint.chansync_peak_rss_mib | n) MiB",
  "planning service start (declarations of every planning property applied): \(.results["planning-start"].seconds | n) s",
  "CPU from service ready to the end of the planning nightly: chansync \(.results["planning-nightly-cpu"].chansync_cpu_s | n) s, redis \(.results["planning-nightly-cpu"].redis_cpu_s | n) s, pmssim \(.results["planning-nightly-cpu"].pmssim_cpu_s | n) s, portalsim \(.results["planning-nightly-cpu"].portalsim_cpu_s | n) s",
  "CPU during drain: chansync \(.results["drain-cpu"].chansync_cpu_s | n) s, redis \(.results["drain-cpu"].redis_cpu_s | n) s, pmssim \(.results["drain-cpu"].pmssim_cpu_s | n) s"
' "$build/bench-results.json"
echo "results: $build/bench-results.json"
