#!/usr/bin/env bash
# Pipeline throughput and memory: frames/s through the whole pipeline (exactly once, every store and output
# topic), against Kafka's ConsumerPerformance reading the same frames from the same broker; the RSS of the
# embedded default (broker and application in one JVM) meanwhile.
#
#   bench/throughput.sh                 # 10,000 devices, 20 s of their frames at 10 Hz: 2,000,000 frames
#   DEVICES=1000 PERIOD_S=60 bench/throughput.sh
#   BENCH_JFR=1 bench/throughput.sh     # also records the backlog phase with JFR and prints its hot frames
#
# 1. The application starts on a fresh data dir; the simulator publishes the frames (Avro, one per message) at its
#    maximum rate while the pipeline takes them in (a warm-up, also reported).
# 2. ConsumerPerformance reads the same frames from insiders.frames.raw on the same broker (the reference).
# 3. The application restarts with another application id: a pipeline with empty stores, and the whole backlog
#    before it with no producer running. The rate is the committed input offsets over time (bench tool
#    `progress`): with exactly-once, a committed offset means the frame is in every store and output topic.
# 4. ConsumerPerformance again, so that the reference brackets the measure.
# 5. The floor: the least an exactly-once Kafka Streams application does (bench tool `streams-floor`: each record's
#    latest value by key in a store written behind like the pipeline's, the record sent on unchanged; the pipeline's
#    settings) over the same
#    frames, measured the same way, in its own JVM beside the idle application.
# The simulated devices do not play their Bluetooth side (--no-bluetooth): 10,000 devices reporting that they started
# are 10,000 registry commands, work of the registry, not of the pipeline, that would run beside the measure.
source "$(dirname "$0")/lib.sh"
DEVICES="${DEVICES:-10000}"
PERIOD_S="${PERIOD_S:-20}"
FRAMES=$((DEVICES * PERIOD_S * 10))
DATA="$BENCH_WORK/throughput"
bench_build
rm -rf "$DATA"; mkdir -p "$DATA"

start_app "$DATA/app"
log "publishing $FRAMES frames of $DEVICES devices"
simulator live --bootstrap-servers "$BOOTSTRAP" --devices "$DEVICES" --rate max --duration "${PERIOD_S}s" --provision \
  --no-bluetooth --device-prefix 86447504 \
  >"$DATA/simulator.out"
tool progress --bootstrap-servers "$BOOTSTRAP" --group insiders --expect "$FRAMES" --pid "$(app_jvm_pid)" >"$DATA/warm.out"
log "warm-up: $(kv "$DATA/warm.out" rate) frames/s"

consumer_perf() {
  kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic insiders.frames.raw \
    --messages "$FRAMES" --timeout 60000 --group "bench-reference-$(date +%s%N)" --hide-header 2>/dev/null \
    | tail -1 | awk -F', *' '{ printf "%.0f\n", $NF }'
}
REF1="$(consumer_perf)"
log "ConsumerPerformance: $REF1 records/s"
stop_app

JFR_OPTS=""
if [[ "${BENCH_JFR:-0}" == 1 ]]; then
  JFR_OPTS="$JFR_DEBUG_OPTS -XX:StartFlightRecording=filename=$DATA/backlog.jfr,settings=profile"
fi
APP_JAVA_OPTS="$APP_JAVA_OPTS $JFR_OPTS" start_app "$DATA/app" INSIDERS_STREAMS_APPLICATION_ID=bench-backlog
JVM_PID="$(app_jvm_pid)"
IDLE_RSS="$(rss_mib "$JVM_PID")"
tool progress --bootstrap-servers "$BOOTSTRAP" --group bench-backlog --expect "$FRAMES" --pid "$JVM_PID" >"$DATA/backlog.out"
log "backlog: $(kv "$DATA/backlog.out" rate) frames/s, RSS at most $(kv "$DATA/backlog.out" rss_max_mib) MiB"
REF2="$(consumer_perf)"
log "ConsumerPerformance: $REF2 records/s"
ROCKSDB_MIB="$(du -sm "$DATA/app/streams" | cut -f1)"
rm -rf "$DATA/floor"
tool_background "$DATA/floor.log" streams-floor --bootstrap-servers "$BOOTSTRAP" --application-id bench-floor \
  --state-dir "$DATA/floor"
FLOOR_PID="$TOOL_PID"
tool progress --bootstrap-servers "$BOOTSTRAP" --group bench-floor --expect "$FRAMES" --pid "$FLOOR_PID" >"$DATA/floor.out"
kill "$FLOOR_PID"; wait "$FLOOR_PID" || true
FLOOR="$(kv "$DATA/floor.out" rate)"
log "streams floor: $FLOOR frames/s"
# Where the memory is, at the end of the load: the heap, and the native memory when tracked
# (APP_JAVA_OPTS="@api-sink/target/app/jvm.options -XX:NativeMemoryTracking=summary").
jcmd "$JVM_PID" GC.heap_info >"$DATA/heap.txt" 2>&1 || true
jcmd "$JVM_PID" VM.native_memory summary >"$DATA/native-memory.txt" 2>&1 || true
if [[ -n "$JFR_OPTS" ]]; then
  jcmd "$JVM_PID" JFR.dump filename="$DATA/backlog.jfr" >/dev/null || true
fi
stop_app
if [[ -n "$JFR_OPTS" ]]; then
  "$ROOT/bench/hot-frames.sh" "$DATA/backlog.jfr" | tee "$DATA/hot-frames.txt" >&2
fi

RATE="$(kv "$DATA/backlog.out" rate)"
REF="$(( (REF1 + REF2) / 2 ))"
write_section throughput <<SECTION
## Pipeline throughput and memory (\`bench/throughput.sh\`)

Machine: $(machine).

Method: $FRAMES frames of $DEVICES simulated devices (Avro, one frame per message, 6 partitions) wait on
\`insiders.frames.raw\` of the application's embedded broker; a pipeline with empty stores (a new application
id) takes them in, exactly once, writing every store and output topic. Its rate is its committed input
offsets over time, from the first tenth of the frames to the last. The reference is Kafka's
ConsumerPerformance reading the same frames from the same broker, run before and after (mean of both). The
floor is a Kafka Streams application that does the least a stateful exactly-once one can (bench tool
\`streams-floor\`: each record's latest value in a RocksDB store with its changelog, written behind like the
pipeline's stores, the record sent on unchanged to a 6-partition topic; exactly-once v2, 1 s commits, two stream
threads, the pipeline's producer settings), over
the same frames on the same broker, measured the same way: what Kafka Streams itself costs per record. The
simulated devices do not play their Bluetooth side here (10,000 start reports are registry work). The
RSS is the application's JVM (broker, pipeline and API together; the command's JVM options:
\`${APP_JAVA_OPTS//$ROOT\//}\`, as the README's run command), sampled every 0.5 s during the backlog.

| figure | value | ratio / target |
|---|---|---|
| pipeline, backlog | $RATE frames/s | **$(ratio "$RATE" "$REF")** of the reference (target 0.20 and 100,000 frames/s) |
| pipeline, per CPU-second of the application's JVM (broker included) | $(kv "$DATA/backlog.out" frames_per_cpu_second) frames | steadier than frames/s on a shared machine |
| pipeline, while the simulator publishes | $(kv "$DATA/warm.out" rate) frames/s | $(ratio "$(kv "$DATA/warm.out" rate)" "$REF") |
| reference: ConsumerPerformance | $REF1 and $REF2 records/s | 1 |
| floor: the least exactly-once Streams application (\`streams-floor\`), same frames and broker | $FLOOR frames/s ($(kv "$DATA/floor.out" frames_per_cpu_second) per CPU-second of its own JVM, broker not included) | the pipeline is **$(ratio "$RATE" "$FLOOR")** of it |
| RSS idle, then under the load (median / max) | $IDLE_RSS MiB, then $(kv "$DATA/backlog.out" rss_median_mib) / $(kv "$DATA/backlog.out" rss_max_mib) MiB | target max 1,536 MiB |
| state directory after the run | $ROCKSDB_MIB MiB | |

<!-- peak_rate=$RATE -->
SECTION
