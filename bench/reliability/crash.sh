#!/usr/bin/env bash
# Crash: frames are published and ASI files uploaded while the application (with its embedded broker) is
# killed with SIGKILL at random moments, KILLS times, and restarted each time. Then: every frame is once on
# insiders.frames.enriched and in the stores (through the API), every upload job ended, each file's frames
# are once per successful job. Exits non-zero if any of it fails.
#
#   bench/reliability/crash.sh            (KILLS=5 DEVICES=10 FRAMES=3000 by default)
#
# The frames are published slowly enough (RATE, by default all of them over about a minute per kill) that
# every kill finds some in flight, and one ASI file is uploaded after each restart (ASI_FILES = KILLS), so
# that the next kill may find its job running.
#
# Ports: PORT (8380) and KAFKA_PORT (19392, and the next for the controller). Data: target/reliability/crash/.
source "$(dirname "$0")/common.sh"

KILLS=${KILLS:-5}
DEVICES=${DEVICES:-10}
FRAMES=${FRAMES:-3000}
ASI_FILES=${ASI_FILES:-$KILLS}
RATE=${RATE:-$(( DEVICES * FRAMES / (KILLS * 60) + 1 ))}
PORT=${PORT:-8380}
KAFKA_PORT=${KAFKA_PORT:-19392}
SEED=${SEED:-$RANDOM}
FIRST_ID=1001
ASI_FIRST_ID=901
DIR="$WORK/crash"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

prepare
rm -rf "$DIR" "$WORK/crash-app.log" && mkdir -p "$DIR/asi"
RANDOM=$SEED
log "seed $SEED: $KILLS kills, $DEVICES devices x $FRAMES live frames at $RATE/s, $ASI_FILES ASI files"
cleanup() { kill_instance crash-app KILL; [ -n "${PUBLISHER:-}" ] && kill "$PUBLISHER" 2>/dev/null; true; }
trap cleanup EXIT

start() {
  start_instance crash-app "$PORT" "$DIR/data" --insiders.kafka.embedded-port="$KAFKA_PORT" \
    --logging.level.org.apache.kafka.streams.processor.internals=INFO
}
start
wait_up "$PORT" 180 >/dev/null || fail "the application did not come up"
register_manager "$PORT" "$DIR/data/outbox"
own_devices "$BOOTSTRAP" "$FIRST_ID" "$DEVICES"
own_devices "$BOOTSTRAP" "$ASI_FIRST_ID" "$ASI_FILES"
check_tool provision "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" >/dev/null
check_tool provision "$BOOTSTRAP" "$ASI_FIRST_ID" "$ASI_FILES" >/dev/null
java -jar "$JAR" simulator asi --devices "$ASI_FILES" --first-id "$ASI_FIRST_ID" --duration 10m --out "$DIR/asi" >/dev/null
BASE=$(( $(date +%s%3N) - 2 * 3600 * 1000 ))

# The live frames, published through the kills (the producer retries while the broker is away).
check_tool publish "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" "$FRAMES" "$BASE" "$RATE" >"$DIR/publisher.out" 2>"$DIR/publisher.log" &
PUBLISHER=$!

# An upload, retried until the application answers with its job (a kill may cut a request short).
upload() {
  local file=$1 name id body
  name=$(basename "$file" .asi); id=$((10#${name: -4}))
  body="$DIR/asi/$name.json"
  printf '{"asi_b64": "%s"}' "$(base64 -w0 "$file")" >"$body"
  for _ in $(seq 1 900); do
    answer=$(curl -s -m 60 -u "$USERNAME:$PASSWORD" -X POST -H 'Content-Type: application/json' --data-binary @"$body" \
      "http://localhost:$PORT/api/v1/devices/$id/asi/?wait=0" || true)
    if [[ "$answer" == *'"job_id"'* ]]; then echo "device $id: $answer" >>"$DIR/uploads.out"; return 0; fi
    sleep 1
  done
  return 1
}
FILES=("$DIR"/asi/*.asi)
UPLOADS=()

for kill in $(seq 1 "$KILLS"); do
  if [ $(( kill - 1 )) -lt ${#FILES[@]} ]; then upload "${FILES[$(( kill - 1 ))]}" & UPLOADS+=($!); fi
  sleep $(( 3 + RANDOM % 12 ))
  in_flight=$(kill -0 "$PUBLISHER" 2>/dev/null && echo "frames still being published" || echo "all frames published")
  kill_instance crash-app KILL
  log "kill $kill: SIGKILL ($in_flight)"
  start
  took=$(wait_up "$PORT" 900) || fail "no restart after kill $kill"
  log "kill $kill: UP again ${took} ms after the restart"
done
for file in "${FILES[@]:$KILLS}"; do upload "$file" & UPLOADS+=($!); done
for pid in "${UPLOADS[@]}"; do wait "$pid" || fail "an upload never got its job"; done
log "uploads answered: $(wc -l <"$DIR/uploads.out")"
wait "$PUBLISHER" || { grep -v ' INFO ' "$DIR/publisher.log" | tail; fail "publisher"; }
PUBLISHER=
log "$(cat "$DIR/publisher.out")"

# Let the pipeline drain, then check (the checker retries while stores answer 503).
for _ in $(seq 1 60); do
  lag=$(curl -s "http://localhost:$PORT/actuator/prometheus" | awk '/^insiders_consumer_lag_records/ {s += $2} END {print s + 0}')
  pending=$(curl -s "http://localhost:$PORT/actuator/prometheus" | awk '/^insiders_upload_jobs\{state="(PENDING|STARTED)"/ {s += $2} END {print s + 0}')
  [ "${lag%.*}" = 0 ] && [ "${pending%.*}" = 0 ] && break
  sleep 2
done
sleep 3
check_tool check "$BOOTSTRAP" "http://localhost:$PORT" "$USERNAME" "$PASSWORD" "$FIRST_ID" "$DEVICES" "$FRAMES" "$BASE" \
  "$ASI_FIRST_ID" "$ASI_FILES" || fail "the check"
log "crash: PASSED ($KILLS kills)"
