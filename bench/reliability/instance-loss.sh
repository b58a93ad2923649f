#!/usr/bin/env bash
# Instance loss: a Kafka broker of its own and three application instances with one standby replica. A load
# of keyed queries (latest timestamp of random devices) runs against the first two instances, as a load
# balancer that has dropped the third would send it, while the third is killed with SIGKILL; it must see
# under 0.1% failures and no query over 2 s. The third then comes back: every device's answers, from every
# instance, must be the ones before the kill. Exits non-zero if any of it fails.
#
#   bench/reliability/instance-loss.sh     (DEVICES=60 LOAD_SECONDS=60 KILL_AFTER=15 THREADS=8 STORE_WAIT=1500ms by default)
#
# STORE_WAIT is insiders.streams.store-wait: how long a query may wait for a store in transition before it
# is answered 503. The default of the application (5 s) lets a query wait longer than this scenario's 2 s.
#
# Ports: 8380, 8381, 8382 and the broker on KAFKA_PORT (19392, controller 19393). Data: target/reliability/loss/.
source "$(dirname "$0")/common.sh"

DEVICES=${DEVICES:-60}
LOAD_SECONDS=${LOAD_SECONDS:-60}
KILL_AFTER=${KILL_AFTER:-15}
THREADS=${THREADS:-8}
STORE_WAIT=${STORE_WAIT:-1500ms}
KAFKA_PORT=${KAFKA_PORT:-19392}
PORTS=(8380 8381 8382)
FIRST_ID=2001
DIR="$WORK/loss"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
SECRET="instance-loss-token-secret-$(date +%s)-0123456789abcdef"
LIB="$(dirname "$JAR")/lib/*"

prepare
rm -rf "$DIR" "$WORK"/loss-*.log && mkdir -p "$DIR"
cleanup() {
  for i in 0 1 2; do kill_instance "loss-app-$i" KILL; done
  kill_instance loss-broker TERM
}
trap cleanup EXIT

# A single KRaft broker, the Kafka server of the application's own dependencies, as its own process.
cat >"$DIR/broker.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/broker
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
message.max.bytes=41943040
log.message.timestamp.after.max.ms=172800000
PROPS
java -cp "$LIB" kafka.tools.StorageTool format -t "$(java -cp "$LIB" kafka.tools.StorageTool random-uuid)" \
  -c "$DIR/broker.properties" --standalone >/dev/null 2>&1 \
  || java -cp "$LIB" kafka.tools.StorageTool format -t "$(java -cp "$LIB" kafka.tools.StorageTool random-uuid)" \
       -c "$DIR/broker.properties" >/dev/null
nohup java -Xmx512m -Dlogback.configurationFile="$ROOT/bench/reliability/logback.xml" -cp "$LIB" kafka.Kafka "$DIR/broker.properties" >"$WORK/loss-broker.log" 2>&1 &
echo $! >"$WORK/loss-broker.pid"
for _ in $(seq 1 120); do (echo >/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null && break; sleep 0.5; done

start() {
  local i=$1
  start_instance "loss-app-$i" "${PORTS[$i]}" "$DIR/app-$i" \
    --insiders.kafka.bootstrap-servers="$BOOTSTRAP" --insiders.kafka.partitions=6 \
    --insiders.streams.application-id=insiders-loss --insiders.streams.standby-replicas=1 \
    --insiders.streams.advertised-url="http://localhost:${PORTS[$i]}" \
    --insiders.security.token-secret="$SECRET" --insiders.throttling.enabled=false \
    --insiders.streams.store-wait="$STORE_WAIT"
}
for i in 0 1 2; do start "$i"; sleep 5; done
for i in 0 1 2; do wait_up "${PORTS[$i]}" 300 >/dev/null || fail "instance $i did not come up"; done
log "three instances UP"
register_manager "${PORTS[0]}" "$DIR/app-0/outbox"
own_devices "$BOOTSTRAP" "$FIRST_ID" "$DEVICES"
check_tool provision "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" >/dev/null
sleep 5
check_tool publish "$BOOTSTRAP" "$FIRST_ID" "$DEVICES" 50 $(( $(date +%s%3N) - 3600 * 1000 )) 5000 >/dev/null

URLS="http://localhost:${PORTS[0]},http://localhost:${PORTS[1]},http://localhost:${PORTS[2]}"
query() { java -Dlogback.configurationFile="$ROOT/bench/reliability/logback.xml" -cp "$LIB" "$ROOT/bench/reliability/QueryLoad.java" "$@"; }
# Every device answers the same from every instance, with its data, before anything happens.
for _ in $(seq 1 60); do
  query answers "$URLS" "$USERNAME" "$PASSWORD" "$FIRST_ID" "$DEVICES" "$DIR/before.txt" >/dev/null \
    && ! grep -q ' 400 ' "$DIR/before.txt" && break
  sleep 2
done
grep -q ' 400 ' "$DIR/before.txt" && fail "the devices did not all get their data"
log "answers before: $(wc -l <"$DIR/before.txt") devices, all instances agreeing"
# Standby copies warm: let the instances settle after their last rebalance.
sleep 20

query load "http://localhost:${PORTS[0]},http://localhost:${PORTS[1]}" "$USERNAME" "$PASSWORD" "$FIRST_ID" "$DEVICES" \
  "$LOAD_SECONDS" "$THREADS" "$DIR/load.txt" >"$DIR/load.out" &
LOAD=$!
sleep "$KILL_AFTER"
kill_instance loss-app-2 KILL
log "instance 2 (port ${PORTS[2]}) killed with SIGKILL"
wait "$LOAD"
SUMMARY=$(head -1 "$DIR/load.txt")
log "load during the loss: $SUMMARY"

start 2
took=$(wait_up "${PORTS[2]}" 300) || fail "instance 2 did not come back"
log "instance 2 UP again after ${took} ms"
sleep 20
query answers "$URLS" "$USERNAME" "$PASSWORD" "$FIRST_ID" "$DEVICES" "$DIR/after.txt" || fail "instances disagree after the return"
diff -q "$DIR/before.txt" "$DIR/after.txt" >/dev/null || { diff "$DIR/before.txt" "$DIR/after.txt" | head; fail "answers changed"; }
log "answers after the return: unchanged"

requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$SUMMARY")
failures=$(sed -n 's/.*failures=\([0-9]*\).*/\1/p' <<<"$SUMMARY")
slow=$(sed -n 's/.*over_2s=\([0-9]*\).*/\1/p' <<<"$SUMMARY")
[ "$requests" -gt 0 ] || fail "no query ran"
[ $(( failures * 1000 )) -lt "$requests" ] || { grep -v slow "$DIR/load.txt" | sed -n '2,11p'; fail "$failures of $requests queries failed (0.1% allowed)"; }
[ "$slow" -eq 0 ] || { grep slow "$DIR/load.txt" | head; fail "$slow queries waited over 2 s"; }
log "instance-loss: PASSED ($requests queries, $failures failed, none over 2 s)"
