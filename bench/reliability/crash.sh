#!/usr/bin/env bash
# Crash: frames are published and ASI files uploaded while the application (with its embedded broker) is
# killed with SIGKILL at random moments, KILLS times, and restarted each time. Then: every frame is once on
# insiders.frames.enriched and in the stores (through the API), every upload job ended, each file's frames
# are once per successful job. Exits non-zero if any of it fails.
#
#   bench/reliability/crash.sh            (KILLS=5 DEVICES=20 FRAMES=3000 ASI_FILES=4 RATE=1500 by default)
#
# Ports: PORT (8380) and KAFKA_PORT (19392, and the next for the controller). Data: target/reliability/crash/.
source "$(dirname "$0")/common.sh"

KILLS=${KILLS:-5}
DEVICES=${DEVICES:-20}
FRAMES=${FRAMES:-3000}
ASI_FILES=${ASI_FILES:-4}
RATE=${RATE:-1500}
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
cleanup() { kill_instance crash-app KILL; [ -n "${PUBLISHER:-}" ] && kill "$PUBLISHER" 2>/dev/null; [ -n "${UPLOADER:-}" ] && kill "$UPLOADER" 2>/dev/null; true; }
trap cleanup EXIT

start() {
  start_instance crash-app "$PORT" "$DIR/data" --insiders.kafka.embedded-port="$KAFKA_PORT" \
    --logging.level.org.apache.kafka.streams.processor.internals=INFO
}
start
wait_up "$PORT" 180 >/dev/null || fail "the application did not come up"
register_manager "$PORT" "$DIR/data/outbox"
check_tool provision "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" >/dev/null
check_tool provision "$BOOTSTRAP" "$ASI_FIRST_ID" "$ASI_FILES" >/dev/null
java -jar "$JAR" simulator asi --devices "$ASI_FILES" --first-id "$ASI_FIRST_ID" --duration 10m --out "$DIR/asi" >/dev/null
BASE=$(( $(date +%s%3N) - 2 * 3600 * 1000 ))

# The live frames, published through the kills (the producer retries while the broker is away).
check_tool publish "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" "$FRAMES" "$BASE" "$RATE" >"$DIR/publisher.out" 2>"$DIR/publisher.log" &
PUBLISHER=$!

# The uploads, each retried until the application answers with its job (a kill may cut a request short).
upload_all() {
  for file in "$DIR"/asi/*.asi; do
    local name id body
    name=$(basename "$file" .asi); id=$((10#${name: -4}))
    body="$DIR/asi/$name.json"
    printf '{"asi_b64": "%s"}' "$(base64 -w0 "$file")" >"$body"
    for _ in $(seq 1 600); do
      answer=$(curl -s -m 60 -u "$USERNAME:$PASSWORD" -X POST -H 'Content-Type: application/json' --data-binary @"$body" \
        "http://localhost:$PORT/api/v1/devices/$id/asi/?wait=0" || true)
      if [[ "$answer" == *'"job_id"'* ]]; then echo "device $id: $answer" >>"$DIR/uploads.out"; break; fi
      sleep 1
    done
  done
}
upload_all &
UPLOADER=$!

for kill in $(seq 1 "$KILLS"); do
  sleep $(( 3 + RANDOM % 12 ))
  kill_instance crash-app KILL
  log "kill $kill: SIGKILL"
  start
  took=$(wait_up "$PORT" 900) || fail "no restart after kill $kill"
  log "kill $kill: UP again ${took} ms after the restart"
done

wait "$UPLOADER" || fail "uploads"
UPLOADER=
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
