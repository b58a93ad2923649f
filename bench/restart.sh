#!/usr/bin/env bash
# Restart to serving: with 10 million frames in the stores, a graceful stop, then the time from the new start
# until queries answer again.
#
#   bench/restart.sh
#   DEVICES=1000 PERIOD_S=100 bench/restart.sh    # 1,000,000 frames
#   RESTARTS=5 bench/restart.sh                   # five restarts instead of three
source "$(dirname "$0")/lib.sh"
DEVICES="${DEVICES:-10000}"
PERIOD_S="${PERIOD_S:-100}"
FRAMES=$((DEVICES * PERIOD_S * 10))
DATA="$BENCH_WORK/restart"
bench_build
rm -rf "$DATA"; mkdir -p "$DATA"

start_app "$DATA/app"
register_manager "$DATA/app"
# Only the device whose query is timed: granting all of them took minutes.
own_devices 1 "$DEVICES"
log "publishing $FRAMES frames of $DEVICES devices"
simulator live --bootstrap-servers "$BOOTSTRAP" --devices "$DEVICES" --rate max --duration "${PERIOD_S}s" --provision \
  --device-prefix 86447504 >"$DATA/simulator.out"
tool progress --bootstrap-servers "$BOOTSTRAP" --group insiders --expect "$FRAMES" --pid "$(app_jvm_pid)" >"$DATA/fill.out"
log "stored at $(kv "$DATA/fill.out" rate) frames/s"
LATEST="$API/api/v1/devices/$DEVICES/preprocessed-data/latest-timestamp/"
curl -sf -u "$MANAGER:$PASSWORD" "$LATEST" >"$DATA/before.json"
STATE_MIB="$(du -sm "$DATA/app/streams" | cut -f1)"

STOP_START=$(date +%s%N)
stop_app
STOP_MS=$(( ($(date +%s%N) - STOP_START) / 1000000 ))

# The start, timed from the launch of the JVM until the first query that answers as before the stop; RESTARTS
# times (3 by default), each after a graceful stop, since one start on a shared machine says little.
RESTARTS="${RESTARTS:-3}"
QUERY_TIMES=()
HEALTH_TIMES=()
STARTED_LINES=()
for round in $(seq "$RESTARTS"); do
  sleep 5
  LAUNCH=$(date +%s%N)
  env PORT="$BENCH_PORT" INSIDERS_KAFKA_EMBEDDED_PORT="$BENCH_KAFKA_PORT" INSIDERS_KAFKA_DATA_DIR="$DATA/app" \
    java $APP_JAVA_OPTS -jar "$APP_JAR" >"$DATA/app/app-restart-$round.log" 2>&1 &
  APP_PID=$!
  trap 'stop_app' EXIT
  HEALTH_MS=""
  QUERY_MS=""
  for _ in $(seq 1200); do
    now=$(( ($(date +%s%N) - LAUNCH) / 1000000 ))
    if [[ -z "$QUERY_MS" ]] && curl -sf -u "$MANAGER:$PASSWORD" "$LATEST" >"$DATA/after.json" 2>/dev/null \
        && cmp -s "$DATA/before.json" "$DATA/after.json"; then
      QUERY_MS=$now
    fi
    if [[ -z "$HEALTH_MS" ]] && curl -sf "$API/actuator/health" >/dev/null 2>&1; then
      HEALTH_MS=$now
    fi
    [[ -n "$QUERY_MS" && -n "$HEALTH_MS" ]] && break
    sleep 0.05
  done
  log "restart $round: queries answer ${QUERY_MS} ms after the launch, health UP after ${HEALTH_MS} ms"
  QUERY_TIMES+=("$QUERY_MS")
  HEALTH_TIMES+=("$HEALTH_MS")
  STARTED_LINES+=("$(grep -o 'Started InsidersApplication in [0-9.]* seconds' "$DATA/app/app-restart-$round.log" | head -1 \
    | sed 's/Started InsidersApplication in \([0-9.]*\) seconds/\1 s/' || true)")
  stop_app
done
seconds_list() { printf '%s\n' "$@" | awk '{ printf "%s%.1f s", (NR > 1 ? ", " : ""), $1 / 1000 }'; }
median_s() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }

write_section restart <<SECTION
## Restart to serving (\`bench/restart.sh\`)

Machine: $(machine).

Method: the embedded default takes in $FRAMES frames of $DEVICES devices (stores: $STATE_MIB MiB on disk), is
stopped gracefully (SIGTERM, ${STOP_MS} ms), then started again on the same data directory, $RESTARTS times (each
stopped gracefully before the next, 5 s apart). Timed from the
launch of the new JVM until \`latest-timestamp/\` of a device answers as it did before the stop (and until
\`/actuator/health\` is UP), polled every 50 ms. The JVM options: \`${APP_JAVA_OPTS//$ROOT\//}\` (the README's).

| figure | value | target |
|---|---|---|
| launch until queries answer, median of $RESTARTS | **$(median_s "${QUERY_TIMES[@]}") s** | 10 s |
| each restart, launch until queries answer | $(seconds_list "${QUERY_TIMES[@]}") | |
| each restart, launch until health is UP | $(seconds_list "${HEALTH_TIMES[@]}") | |
| each restart, Spring Boot's own "Started ... in" | $(IFS=,; echo "${STARTED_LINES[*]}" | sed 's/,/, /g') | |
SECTION
