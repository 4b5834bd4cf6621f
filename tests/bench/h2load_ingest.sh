#!/usr/bin/env bash
# HTTP ingest against gRPC ingest through one independent client, h2load (Debian nghttp2-client),
# in the same run: HTTP/1.1 on 64 keep-alive connections, one request in flight on each, against
# gRPC PushReservation on 8 HTTP/2 connections of 8 streams each; every request pushes one
# reservation (the same body each time: h2load sends one body file). Prints one JSON line per
# side: {"benchmark", "ops_per_s", "requests", "ok"}. h2load counts a gRPC answer ok on HTTP 200
# whatever its grpc-status, so one request of each body is pushed and checked first. Every
# request carries the API key of KEY_FILE (its first line) as `authorization: Bearer <key>`.
# Usage: tests/bench/h2load_ingest.sh LOADGEN GRPC_ADDR HTTP_ADDR WORK_DIR REQUESTS KEY_FILE
#        [shape flags]
set -euo pipefail
loadgen=$1 grpc=$2 http=$3 work=$4 requests=$5 key_file=$6
shift 6
authorization="authorization: Bearer $(head -1 "$key_file")"

command -v h2load >/dev/null || { echo "h2load_ingest.sh: h2load is needed (make install)" >&2; exit 2; }

channel=$("$loadgen" h2load-bodies --out "$work" --run h2load "$@")
http_url="http://$http/v1/channels/$channel/reservations"
grpc_url="http://$grpc/chansync.v1.IngestService/PushReservation"
http_flags=(--h1 -c 64 -t 1 -d "$work/reservation.json" -H 'Content-Type: application/json'
  -H "$authorization")
grpc_flags=(-c 8 -m 8 -t 1 -d "$work/reservation.grpc" -H 'content-type: application/grpc'
  -H 'te: trailers' -H "$authorization")

# One request each, answered as accepted, before anything is counted.
curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "$authorization" \
  --data-binary "@$work/reservation.json" "$http_url" || { echo "h2load_ingest.sh: the HTTP body is refused" >&2; exit 1; }
# A refusal is a trailers-only answer: grpc-status among the headers h2load shows, no data.
probe=$(h2load -n 1 -c 1 "${grpc_flags[@]:2}" -v "$grpc_url" 2>&1)
if grep -q 'grpc-status:' <<<"$probe" || grep -q ' (0) data' <<<"$probe"; then
  echo "h2load_ingest.sh: the gRPC body is refused" >&2
  exit 1
fi

# run NAME FLAGS... URL: one h2load run as a JSON line.
run() {
  local name=$1 out
  shift
  out=$(h2load -n "$requests" "$@")
  jq -nc --arg name "$name" --arg out "$out" '
    def grab(re): ($out | capture(re));
    {benchmark: $name,
     ops_per_s: (grab("finished in [0-9.]+m?s, (?<v>[0-9.]+) req/s").v | tonumber),
     requests: (grab("requests: (?<v>[0-9]+) total").v | tonumber),
     ok: (grab("status codes: (?<v>[0-9]+) 2xx").v | tonumber)}'
}
run h2load-ingest-http "${http_flags[@]}" "$http_url"
run h2load-ingest-grpc "${grpc_flags[@]}" "$grpc_url"
