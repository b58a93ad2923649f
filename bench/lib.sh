# Shared by the benchmark scripts: sourced, not run. Everything runs on this machine, on the ports and data
# directory below (override with the environment), and is stopped by the script that started it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_PORT="${BENCH_PORT:-8280}"
BENCH_KAFKA_PORT="${BENCH_KAFKA_PORT:-19292}"
BENCH_WORK="${BENCH_WORK:-$ROOT/target/bench}"
BENCH_DOC="${BENCH_DOC:-$ROOT/docs/benchmarks.md}"
BOOTSTRAP="127.0.0.1:$BENCH_KAFKA_PORT"
API="http://127.0.0.1:$BENCH_PORT"
APP_JAR="${APP_JAR:-$ROOT/api-sink/target/app/insiders.jar}"
# The README's JVM options: the argument file next to the application.
APP_JAVA_OPTS="${APP_JAVA_OPTS:-@$(dirname "$APP_JAR")/jvm.options}"
APP_PID=""

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# Builds the application jar and the measuring tools (bench/target) unless BENCH_NO_BUILD=1.
bench_build() {
  if [[ "${BENCH_NO_BUILD:-0}" != 1 || ! -f "$APP_JAR" || ! -d "$ROOT/bench/target/lib" ]]; then
    log "building the application and the bench tools"
    (cd "$ROOT" && ./mvnw -q -B -Pbench -DskipTests package)
  fi
}

# The measuring tools (bench/src), then Kafka's own tools from the same classpath.
TOOL_JAVA=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"
  io.insiders.bench.Bench)
tool() { "${TOOL_JAVA[@]}" "$@"; }
# A measuring tool started in the background, its output in file $1; sets TOOL_PID to its JVM (for its CPU time).
tool_background() {
  local out="$1"; shift
  "${TOOL_JAVA[@]}" "$@" >"$out" 2>&1 &
  TOOL_PID=$!
}
kafka_tool() { local main="$1"; shift; java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/bench/target/lib/*" "$main" "$@"; }
# The device simulator of the application jar; its log goes to $BENCH_WORK/simulator.log.
simulator() { mkdir -p "$BENCH_WORK"; java -jar "$APP_JAR" simulator "$@" 2>>"$BENCH_WORK/simulator.log"; }
# The simulator started in the background, its output in file $1; sets SIMULATOR_PID to its JVM (a kill stops it).
simulator_background() {
  local out="$1"; shift
  mkdir -p "$BENCH_WORK"
  java -jar "$APP_JAR" simulator "$@" >"$out" 2>>"$BENCH_WORK/simulator.log" &
  SIMULATOR_PID=$!
}

# key=value output of a tool: the value of $2 in file $1.
kv() { sed -n "s/^$2=//p" "$1" | tail -1; }
# a / b with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# Starts the application (embedded broker) on data dir $1 with the environment's extra settings; waits until health
# is UP and sets APP_PID. Its JVM options: APP_JAVA_OPTS (the README's by default).
start_app() {
  local data="$1"; shift
  mkdir -p "$data"
  log "starting the application on $data"
  # shellcheck disable=SC2086
  env PORT="$BENCH_PORT" INSIDERS_KAFKA_EMBEDDED_PORT="$BENCH_KAFKA_PORT" INSIDERS_KAFKA_DATA_DIR="$data" \
      INSIDERS_THROTTLING_USER_RATE="${BENCH_USER_RATE:-100000000/second}" "$@" \
      java $APP_JAVA_OPTS -jar "$APP_JAR" >"$data/app.log" 2>&1 &
  APP_PID=$!
  trap 'stop_app' EXIT
  wait_up 120
}

# Waits at most $1 seconds for health UP.
wait_up() {
  local deadline=$((SECONDS + $1))
  until curl -sf "$API/actuator/health" >/dev/null 2>&1; do
    if ((SECONDS > deadline)) || ! kill -0 "$APP_PID" 2>/dev/null; then
      log "the application did not come up; see its log"; return 1
    fi
    sleep 0.2
  done
}

# Stops the application gracefully (SIGTERM) and waits for it.
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the application ($APP_PID)"
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

# Registers a manager on the running application (data dir $1); sets MANAGER, MANAGER_ID and PASSWORD.
register_manager() {
  local data="$1"
  MANAGER="bench-$(date +%s%N)@example.com"
  MANAGER_ID=$(curl -sf -X POST -H 'Content-Type: application/json' "$API/api/v1/managers/" \
    -d "{\"username\": \"$MANAGER\", \"email\": \"$MANAGER\", \"manager_profile\": {\"first_name\": \"Bench\", \"last_name\": \"Mark\"}}" \
    | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
  local eml=""
  for _ in $(seq 50); do
    eml="$(grep -l "$MANAGER" "$data"/outbox/*.eml 2>/dev/null | head -1 || true)"
    [[ -n "$eml" ]] && break
    sleep 0.2
  done
  PASSWORD="$(sed -n 's/^Password: //p' "$eml" | tr -d '\r')"
}

# The registered manager owns $1 devices from id $2 (1 by default) since 29 days ago, so that he reads the frames the
# benchmark publishes with past times (the API's take-ownership starts now).
own_devices() {
  java -jar "$APP_JAR" grant-ownership --bootstrap-servers "$BOOTSTRAP" --device "${2:-1}" --count "$1" --manager "$MANAGER_ID" \
    --since $(( ($(date +%s) - 29 * 86400) * 1000 )) >/dev/null
}

# With a JFR recording: without DebugNonSafepoints, a sample in compiled code is credited to the nearest safepoint's
# line, often in another method inlined nearby (a store into a held entry showed as a hash-map look-up).
JFR_DEBUG_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"

# The JVM that runs the application.
app_jvm_pid() { echo "$APP_PID"; }

# CPU time of process $1 so far, in clock ticks (user and system, all its threads).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU time of the whole machine so far, in clock ticks: "busy total" (idle and I/O wait are not busy).
machine_ticks() { awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' /proc/stat; }

# VmRSS of a process in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# The machine, for each section.
machine() {
  local cpu mem java
  cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  java="$(java -version 2>&1 | head -1)"
  printf '%s, %s cores (nproc), %s RAM, %s; commit %s; %s' "$cpu" "$(nproc)" "$mem" "$java" \
    "$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- . ':!docs' || echo '+changes')" \
    "$(date -u +%FT%TZ)"
}

# Replaces the section $1 of the benchmarks document with the text on stdin (appends it the first time).
write_section() {
  local name="$1" body
  body="$(cat)"
  mkdir -p "$(dirname "$BENCH_DOC")"
  [[ -f "$BENCH_DOC" ]] || printf '# Benchmarks\n' >"$BENCH_DOC"
  local begin="<!-- bench:$name -->" end="<!-- /bench:$name -->"
  if grep -qF "$begin" "$BENCH_DOC"; then
    awk -v begin="$begin" -v end="$end" -v body="$body" '
      $0 == begin { print; print body; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$BENCH_DOC" >"$BENCH_DOC.tmp" && mv "$BENCH_DOC.tmp" "$BENCH_DOC"
  else
    printf '\n%s\n%s\n%s\n' "$begin" "$body" "$end" >>"$BENCH_DOC"
  fi
  log "wrote the section '$name' of $BENCH_DOC"
}

# The HTTP load of $1 (URL) with Basic credentials $2:$3 for $4 seconds on $5 connections, into file $6 (key=value):
# wrk when it is installed (it costs the server's 2 cores less than a JVM client), the Java client otherwise.
http_load() {
  local url="$1" user="$2" password="$3" duration="$4" connections="$5" out="$6"
  if command -v wrk >/dev/null; then
    local auth
    auth="$(printf '%s:%s' "$user" "$password" | base64 -w0)"
    wrk -t2 -c"$connections" -d"${HTTP_WARMUP_S:-5}s" -H "Authorization: Basic $auth" "$url" >/dev/null
    wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Authorization: Basic $auth" "$url" >"$out.wrk"
    {
      echo "tool=wrk"
      awk '/Requests\/sec/ { printf "req_per_s=%.0f\n", $2 }' "$out.wrk"
      awk '$1 == "50%" { print "p50_ms=" ms($2) } $1 == "99%" { print "p99_ms=" ms($2) }
           function ms(v) { if (v ~ /us$/) return sprintf("%.2f", v / 1000); if (v ~ /ms$/) return sprintf("%.2f", v + 0);
                            return sprintf("%.2f", v * 1000) }' "$out.wrk"
      echo "non_2xx=$(awk '/Non-2xx/ { print $NF }' "$out.wrk" | grep . || echo 0)"
    } >"$out"
  else
    log "wrk is not installed (apt-get install wrk): using the Java load generator"
    tool http-load --url "$url" --user "$user" --password "$password" --duration-s "$duration" \
      --warmup-s "${HTTP_WARMUP_S:-5}" --connections "$connections" >"$out"
    echo "tool=java" >>"$out"
  fi
}
