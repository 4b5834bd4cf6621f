#!/usr/bin/env bash
# `make run`: chansync on embedded defaults, all on localhost — its own redis-server (AOF on,
# state in var/local), the bundled PMS simulator, the booking-portal simulator receiving planning
# pushes and `chansync serve` with the sample property.
# Ctrl-C stops everything.
set -euo pipefail
build_dir=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
state=${CHANSYNC_STATE_DIR:-$root/var/local}
redis_port=${CHANSYNC_REDIS_PORT:-6390}
grpc_port=${CHANSYNC_PORT:-7400}
# Fixed: deploy/local/riviera.json names these ports (the property's PMS endpoint and the
# channels' planning_endpoint).
pms_port=7481
portal_port=7482
mkdir -p "$state"
# The key sealing PMS tokens in Redis: made once, kept with the state it opens.
secrets_key="$state/secrets.key"
if [ ! -s "$secrets_key" ]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$secrets_key")
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$state" --appendonly yes \
  --appendfsync everysec --save "" --daemonize no --loglevel warning \
  >"$state/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.05
done

pmssim="$root/$build_dir/tools/pmssim/pmssim"
if [ -x "$pmssim" ]; then
  "$pmssim" --listen "127.0.0.1:$pms_port" --data "$root/tools/pmssim/sample-data.json" \
    >"$state/pmssim.log" 2>&1 &
  pids+=($!)
fi

portalsim="$root/$build_dir/tools/portalsim/portalsim"
if [ -x "$portalsim" ]; then
  "$portalsim" --listen "127.0.0.1:$portal_port" >"$state/portalsim.log" 2>&1 &
  pids+=($!)
fi

echo "redis-server on 127.0.0.1:$redis_port (state in $state), PMS simulator on 127.0.0.1:$pms_port"
echo "portal simulator on 127.0.0.1:$portal_port; see what was pushed with:"
echo "  curl 'http://127.0.0.1:$portal_port/admin/planning?channel=secureholiday&property=riviera&product=SH-MH4'"
echo "try, in another terminal:  $build_dir/app/chansync products --property riviera"
# The first start writes a local admin key; the CLI reads var/local/admin.key by default when run
# from the repository's root (else: export CHANSYNC_KEY=$(cat var/local/admin.key)).
"$root/$build_dir/app/chansync" serve --listen "127.0.0.1:$grpc_port" \
  --redis "127.0.0.1:$redis_port" --declarations "$root/deploy/local/riviera.json" \
  --secrets-key-file "$secrets_key" --bootstrap-admin-key-file "$state/admin.key" &
pids+=($!)
for _ in $(seq 100); do
  [ -s "$state/admin.key" ] && break
  sleep 0.1
done
if [ -s "$state/admin.key" ]; then
  echo "local admin API key (in $state/admin.key): $(cat "$state/admin.key")"
fi
wait "${pids[-1]}"
