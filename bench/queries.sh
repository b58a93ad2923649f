#!/usr/bin/env bash
# The query benchmarks, on one application with the data they need:
#   latest-timestamp/, authenticated, against a static endpoint of the same server: the most each answers in a
#   closed loop (wrk, or the Java load generator when wrk is missing), and the latency at fixed loads (RATES);
#   a 25,000-row page of the data list, page 1 and page 70 of a 2-day listing of one device at 10 Hz
#   (1,728,000 frames), against each other.
#
#   bench/queries.sh
#   CONNECTIONS=32 LOAD_S=30 bench/queries.sh
#   WARMUP_S=120 bench/queries.sh   # a longer warm-up of the request path
#   RATES="500 1000 2000" bench/queries.sh
source "$(dirname "$0")/lib.sh"
CONNECTIONS="${CONNECTIONS:-16}"
# Loads sent on a fixed schedule, up to the target's 5,000 requests/s: the latency a client sees at each.
RATES="${RATES:-1000 2500 5000}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-32}"
LOAD_S="${LOAD_S:-20}"
# The request path is measured warm: with the JVM options' JIT settings a method reaches C2 after 50,000 calls,
# so a few seconds of load would measure code still partly compiled by C1 only.
WARMUP_S="${WARMUP_S:-60}"
# Closed loops with fewer connections: the throughput and latency at a load the server is not saturated by.
FEW_CONNECTIONS="${FEW_CONNECTIONS:-4 8}"
PAGE_REQUESTS="${PAGE_REQUESTS:-40}"
DATA="$BENCH_WORK/queries"
bench_build
rm -rf "$DATA"; mkdir -p "$DATA"

start_app "$DATA/app"
register_manager "$DATA/app"
own_devices 1
# Device 1: two days at 10 Hz, ending now.
log "publishing two days of one device (1,728,000 frames)"
simulator live --bootstrap-servers "$BOOTSTRAP" --devices 1 --rate max --duration 48h --provision >"$DATA/simulator.out"
tool progress --bootstrap-servers "$BOOTSTRAP" --group insiders --expect 1728000 >"$DATA/progress.out"
log "stored at $(kv "$DATA/progress.out" rate) frames/s"

LATEST="$API/api/v1/devices/1/preprocessed-data/latest-timestamp/"
curl -sf -u "$MANAGER:$PASSWORD" "$LATEST" >"$DATA/latest.json"
STATIC=""
# A constant answer of the same server: the actuator's info (an empty JSON object), through the same filters.
for candidate in /actuator/info /api/v1/docs/swagger-ui/favicon-32x32.png; do
  if curl -sf -o /dev/null "$API$candidate"; then STATIC="$API$candidate"; break; fi
done
log "static reference: $STATIC"
HTTP_WARMUP_S="$WARMUP_S" http_load "$STATIC" "$MANAGER" "$PASSWORD" "$LOAD_S" "$CONNECTIONS" "$DATA/static.out"
HTTP_WARMUP_S="$WARMUP_S" http_load "$LATEST" "$MANAGER" "$PASSWORD" "$LOAD_S" "$CONNECTIONS" "$DATA/latest.out"
log "static $(kv "$DATA/static.out" req_per_s) req/s, latest-timestamp $(kv "$DATA/latest.out" req_per_s) req/s"
FEW_ROWS=""
for connections in $FEW_CONNECTIONS; do
  http_load "$STATIC" "$MANAGER" "$PASSWORD" "$LOAD_S" "$connections" "$DATA/static-c$connections.out"
  http_load "$LATEST" "$MANAGER" "$PASSWORD" "$LOAD_S" "$connections" "$DATA/latest-c$connections.out"
  log "$connections connections: static $(kv "$DATA/static-c$connections.out" req_per_s) req/s, latest-timestamp $(kv "$DATA/latest-c$connections.out" req_per_s) req/s p99 $(kv "$DATA/latest-c$connections.out" p99_ms) ms"
  FEW_ROWS+="| closed loop, $connections connections | static: $(kv "$DATA/static-c$connections.out" req_per_s) req/s, p99 $(kv "$DATA/static-c$connections.out" p99_ms) ms; \`latest-timestamp/\`: $(kv "$DATA/latest-c$connections.out" req_per_s) req/s, p50 $(kv "$DATA/latest-c$connections.out" p50_ms) ms, p99 **$(kv "$DATA/latest-c$connections.out" p99_ms) ms**, non-2xx $(kv "$DATA/latest-c$connections.out" non_2xx) | $(ratio "$(kv "$DATA/latest-c$connections.out" req_per_s)" "$(kv "$DATA/static-c$connections.out" req_per_s)") of the static endpoint's req/s (target 5,000 req/s, p99 10 ms) |
"
done
fixed_rate() {
  tool http-load --url "$1" --user "$MANAGER" --password "$PASSWORD" --rate "$2" --connections "$RATE_CONNECTIONS" \
    --warmup-s 5 --duration-s "$LOAD_S" >"$3"
}
RATE_ROWS=""
for rate in $RATES; do
  fixed_rate "$STATIC" "$rate" "$DATA/static-rate-$rate.out"
  fixed_rate "$LATEST" "$rate" "$DATA/latest-rate-$rate.out"
  log "at $rate req/s: static p99 $(kv "$DATA/static-rate-$rate.out" p99_ms) ms, latest-timestamp p99 $(kv "$DATA/latest-rate-$rate.out" p99_ms) ms"
  RATE_ROWS+="| at $rate req/s (fixed schedule) | static: p50 $(kv "$DATA/static-rate-$rate.out" p50_ms) ms, p99 $(kv "$DATA/static-rate-$rate.out" p99_ms) ms; \`latest-timestamp/\`: p50 $(kv "$DATA/latest-rate-$rate.out" p50_ms) ms, p99 **$(kv "$DATA/latest-rate-$rate.out" p99_ms) ms**, p99.9 $(kv "$DATA/latest-rate-$rate.out" p999_ms) ms, non-2xx $(kv "$DATA/latest-rate-$rate.out" non_2xx) | $(ratio "$(kv "$DATA/latest-rate-$rate.out" p99_ms)" "$(kv "$DATA/static-rate-$rate.out" p99_ms)") of the static endpoint's p99 (target at 5,000 req/s: p99 10 ms) |
"
done

STOP_MS="$(sed 's/.*"timestamp":\([0-9]*\).*/\1/' "$DATA/latest.json")"
START_MS=$((STOP_MS - 2 * 86400000 + 1))
LIST="$API/api/v1/devices/1/preprocessed-data/?start=$START_MS&stop=$STOP_MS&limit=25000"
# The first request of a listing takes its snapshot (counts of 2,881 minutes): timed on its own.
curl -sf -o "$DATA/page1.json" -w '%{time_total}\n' -u "$MANAGER:$PASSWORD" "$LIST&page=1" >"$DATA/snapshot.time"
page() {
  tool http-load --url "$1" --user "$MANAGER" --password "$PASSWORD" --connections 1 --warmup-s 5 \
    --duration-s 600 --requests "$PAGE_REQUESTS" >"$2"
}
# 25,000 rows a page: 2 days at 10 Hz are 69 full pages and a short 70th; with the default limit (10,000 rows),
# page 70 lies a third of the way in.
page "$LIST&page=1" "$DATA/page1.out"
page "$LIST&page=69" "$DATA/page69.out"
DEFAULT_LIST="$API/api/v1/devices/1/preprocessed-data/?start=$START_MS&stop=$STOP_MS"
page "$DEFAULT_LIST&page=1" "$DATA/default1.out"
page "$DEFAULT_LIST&page=70" "$DATA/default70.out"
log "25,000 rows: page 1 p99 $(kv "$DATA/page1.out" p99_ms) ms, page 69 p99 $(kv "$DATA/page69.out" p99_ms) ms"
stop_app

write_section queries <<SECTION
## Queries (\`bench/queries.sh\`)

Machine: $(machine).

Method: one application (embedded default) holding two days of one device at 10 Hz (1,728,000 frames), and a
manager. \`latest-timestamp/\` of that device with HTTP Basic, against a static file of the same server with the
same credentials (\`${STATIC#"$API"}\`, so the difference is the query itself), each first loaded for ${WARMUP_S} s so that
the request path is compiled as it will stay (the JIT settings of \`jvm.options\` wait for 50,000 calls): $CONNECTIONS
connections, a closed loop for ${LOAD_S} s ($(kv "$DATA/latest.out" tool)), for the most each answers; the same with
$FEW_CONNECTIONS connections (5 s of warm-up each), a load that does not saturate the server; then both at the
loads of $RATES requests/s sent on a fixed schedule over $RATE_CONNECTIONS connections (the bench tool \`http-load --rate\`,
an open loop on plain keep-alive sockets, each latency counted from the time its request was due, so a stall counts
in every request it delayed; about 80 microseconds of its own CPU per request: sent through Java's HttpClient
before, the schedule could not be kept at 5,000 req/s on these cores),
for the latency a client sees at that load. The load generator shares the 2 cores with the server. The data list: the same 2-day listing, 25,000
rows a page (the most a page may hold) and 10,000 (the default): $PAGE_REQUESTS requests of each page one after the
other, after 5 s of the same requests as warm-up; the very first request of the listing, which takes its snapshot,
is timed apart.

| figure | value | ratio / target |
|---|---|---|
| static endpoint | $(kv "$DATA/static.out" req_per_s) req/s, p99 $(kv "$DATA/static.out" p99_ms) ms | 1 |
| \`latest-timestamp/\` | $(kv "$DATA/latest.out" req_per_s) req/s, p50 $(kv "$DATA/latest.out" p50_ms) ms, p99 $(kv "$DATA/latest.out" p99_ms) ms, non-2xx $(kv "$DATA/latest.out" non_2xx) | **$(ratio "$(kv "$DATA/latest.out" req_per_s)" "$(kv "$DATA/static.out" req_per_s)")** of the static endpoint (target 5,000 req/s, p99 10 ms) |
${FEW_ROWS}${RATE_ROWS}| data list, first request of the listing (takes the snapshot; page 1, 25,000 rows) | $(awk -v t="$(cat "$DATA/snapshot.time")" 'BEGIN { printf "%.0f", t * 1000 }') ms | |
| data list, page 1, 25,000 rows ($(kv "$DATA/page1.out" bytes_per_answer) bytes) | p50 $(kv "$DATA/page1.out" p50_ms) ms, p99 **$(kv "$DATA/page1.out" p99_ms) ms** | 1 (target p99 250 ms) |
| data list, page 69 (the last full one), 25,000 rows | p50 $(kv "$DATA/page69.out" p50_ms) ms, p99 $(kv "$DATA/page69.out" p99_ms) ms | $(ratio "$(kv "$DATA/page69.out" p99_ms)" "$(kv "$DATA/page1.out" p99_ms)") of page 1's p99 |
| data list, page 1, default limit (10,000 rows) | p50 $(kv "$DATA/default1.out" p50_ms) ms, p99 $(kv "$DATA/default1.out" p99_ms) ms | 1 |
| data list, page 70, default limit | p50 $(kv "$DATA/default70.out" p50_ms) ms, p99 $(kv "$DATA/default70.out" p99_ms) ms | **$(ratio "$(kv "$DATA/default70.out" p99_ms)" "$(kv "$DATA/default1.out" p99_ms)")** of page 1's p99 (target 1.5) |
SECTION
