#!/usr/bin/env bash
# Freshness: from a frame sent to Kafka until latest-timestamp/ answers its time, at half the peak throughput.
#
#   bench/freshness.sh             # background load: half the last peak that bench/throughput.sh wrote in
#                                  # docs/benchmarks.md (50,000 frames/s if there is none)
#   RATE=20000 bench/freshness.sh  # background load in frames/s (devices at 10 Hz in real time)
#   BENCH_JFR=1 bench/freshness.sh # also records the live load with JFR for 60 s before the probes, prints its hot frames
source "$(dirname "$0")/lib.sh"
PEAK="$(sed -n 's/^<!-- peak_rate=\([0-9]*\) -->$/\1/p' "$BENCH_DOC" 2>/dev/null | tail -1)"
RATE="${RATE:-$(( ${PEAK:-100000} / 2 ))}"
DEVICES=$(( RATE / 10 ))
PROBES="${PROBES:-300}"
DATA="$BENCH_WORK/freshness"
bench_build
rm -rf "$DATA"; mkdir -p "$DATA"

JFR_OPTS=""
[[ "${BENCH_JFR:-0}" == 1 ]] && JFR_OPTS="$JFR_DEBUG_OPTS"
APP_JAVA_OPTS="$APP_JAVA_OPTS $JFR_OPTS" start_app "$DATA/app"
register_manager "$DATA/app"
log "background: $DEVICES devices at 10 Hz in real time ($RATE frames/s)"
simulator_background "$DATA/simulator.out" live --bootstrap-servers "$BOOTSTRAP" --devices "$DEVICES" --rate realtime \
  --provision --device-prefix 86447504
SIMULATOR="$SIMULATOR_PID"
trap 'kill "$SIMULATOR" 2>/dev/null || true; stop_app' EXIT
# Probes begin SETTLE_S seconds after the background load: not the start-up, but the state the instance keeps
# under a sustained load (its collector's included: G1 takes minutes to settle, and a 60 s wait once hid a
# pipeline that fell behind after four).
SETTLE_S="${SETTLE_S:-240}"
if [[ -n "$JFR_OPTS" && "$SETTLE_S" -gt 60 ]]; then
  # The last 60 s before the probes: the live load alone, at its steady state.
  sleep $((SETTLE_S - 60))
  jcmd "$(app_jvm_pid)" JFR.start name=live settings=profile duration=60s filename="$DATA/live.jfr" >/dev/null
  sleep 62
else
  sleep "$SETTLE_S"
fi
# Where the 2 cores went while the probes ran: the application, the simulator, and the machine as a whole.
APP_CPU0="$(cpu_ticks "$(app_jvm_pid)")"; SIM_CPU0="$(cpu_ticks "$SIMULATOR")"; read -r BUSY0 TOTAL0 < <(machine_ticks)
tool freshness --bootstrap-servers "$BOOTSTRAP" --api "$API" --user "$MANAGER" --password "$PASSWORD" \
  --probes "$PROBES" --trace "$DATA/probes.csv" >"$DATA/freshness.out" || true
APP_CPU1="$(cpu_ticks "$(app_jvm_pid)")"; SIM_CPU1="$(cpu_ticks "$SIMULATOR")"; read -r BUSY1 TOTAL1 < <(machine_ticks)
CORES="$(nproc)"
# Cores in use on average: CPU ticks over the window's ticks per core.
cores_used() { awk -v d="$1" -v t="$((TOTAL1 - TOTAL0))" -v n="$CORES" 'BEGIN { printf "%.2f", t == 0 ? 0 : d * n / t }'; }
APP_CORES="$(cores_used $((APP_CPU1 - APP_CPU0)))"
SIM_CORES="$(cores_used $((SIM_CPU1 - SIM_CPU0)))"
BUSY_CORES="$(cores_used $((BUSY1 - BUSY0)))"
log "cores busy while probing: $BUSY_CORES of $CORES (application $APP_CORES, simulator $SIM_CORES)"
kill "$SIMULATOR"; wait "$SIMULATOR" 2>/dev/null || true
log "freshness p99 $(kv "$DATA/freshness.out" p99_ms) ms"
SENT="$(grep -o 'sent [0-9,]* frames.*' "$DATA/simulator.out" 2>/dev/null | tail -1 || true)"
stop_app
if [[ -f "$DATA/live.jfr" ]]; then
  "$ROOT/bench/hot-frames.sh" "$DATA/live.jfr" | tee "$DATA/hot-frames.txt" >&2
fi

write_section freshness <<SECTION
## Freshness (\`bench/freshness.sh\`)

Machine: $(machine).

Method: the embedded default under a background load of $DEVICES simulated devices publishing at 10 Hz in real time
($RATE frames/s, half the peak that \`bench/throughput.sh\` measured last; the simulator: ${SENT:-see its log}).
From $SETTLE_S s after the background load began, a probe device sends a frame stamped now, $PROBES times, $(printf '%s' '100 ms apart'),
after $(kv "$DATA/freshness.out" warm_up_probes) probes that are not counted (the probe's own producer fetching metadata,
the API's request path before the JIT compiled it; the slowest of them: $(kv "$DATA/freshness.out" warm_up_max_ms) ms; not seen within 30 s: $(kv "$DATA/freshness.out" warm_up_not_seen_in_30s)); each time \`latest-timestamp/\`
of the probe device is polled every 2 ms until it answers that time. Latency: from the send to the first
answer showing it.

| figure | value | target |
|---|---|---|
| freshness | p50 $(kv "$DATA/freshness.out" p50_ms) ms, p99 **$(kv "$DATA/freshness.out" p99_ms) ms**, max seen $(kv "$DATA/freshness.out" max_seen_ms) ms; not seen within 30 s: $(kv "$DATA/freshness.out" not_seen_in_30s); the probes over 250 ms, by their number in the order sent (0 the first): $(kv "$DATA/freshness.out" slower_than_250ms) | p99 250 ms |
| the probe frame sent until the broker acknowledged it (at most the part of the latency before the pipeline could read it) | p50 $(kv "$DATA/freshness.out" ack_p50_ms) ms, p99 $(kv "$DATA/freshness.out" ack_p99_ms) ms (each probe's times: \`probes.csv\` in the run's directory) | |
| cores in use while the probes ran (of $CORES) | $BUSY_CORES: the application $APP_CORES (broker, pipeline, API), the simulator $SIM_CORES, the rest the probe tool and the machine's other work | |
SECTION
