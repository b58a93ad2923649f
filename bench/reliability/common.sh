# Shared by the reliability scripts: the jar, the checker, starting and stopping instances. Sourced, not run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/api-sink/target/app/insiders.jar"
WORK="$ROOT/target/reliability"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { log "FAILED: $*"; exit 1; }

# The application (built if missing); the checker (a single source file) runs on its classes.
prepare() {
  [ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
}

check_tool() {
  java -Dlogback.configurationFile="$ROOT/bench/reliability/logback.xml" -cp "$JAR:$(dirname "$JAR")/lib/*" \
    "$ROOT/bench/reliability/ReliabilityCheck.java" "$@"
}

# start_instance NAME PORT DATA_DIR [extra args...]: starts an instance in the background; its pid in $WORK/NAME.pid.
start_instance() {
  local name=$1 port=$2 data=$3
  shift 3
  mkdir -p "$data"
  PORT=$port INSIDERS_KAFKA_DATA_DIR=$data nohup java @"$(dirname "$JAR")/jvm.options" -jar "$JAR" --spring.main.banner-mode=off "$@" \
    >>"$WORK/$name.log" 2>&1 &
  echo $! >"$WORK/$name.pid"
}

# wait_up PORT SECONDS: waits until the instance's health is UP; prints how long it took (ms).
wait_up() {
  local port=$1 limit=$2 start
  start=$(date +%s%3N)
  while [ $(( $(date +%s%3N) - start )) -lt $(( limit * 1000 )) ]; do
    if curl -sf -o /dev/null "http://localhost:$port/actuator/health"; then
      echo $(( $(date +%s%3N) - start ))
      return 0
    fi
    sleep 0.2
  done
  return 1
}

kill_instance() {
  local name=$1 signal=${2:-TERM}
  local pid
  pid=$(cat "$WORK/$name.pid" 2>/dev/null || true)
  [ -n "$pid" ] || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$WORK/$name.pid"
}

# register_manager PORT OUTBOX: registers a manager; sets USERNAME, MANAGER_ID and PASSWORD (read from the email in OUTBOX).
register_manager() {
  local port=$1 outbox=$2
  USERNAME="reliability-$RANDOM@example.com"
  local answer
  answer=$(curl -s -X POST -H 'Content-Type: application/json' "http://localhost:$port/api/v1/managers/" \
    -d "{\"username\": \"$USERNAME\", \"email\": \"$USERNAME\", \"manager_profile\": {\"first_name\": \"Re\", \"last_name\": \"Liability\"}}")
  MANAGER_ID=$(sed -n 's/^{"id":\([0-9]*\).*/\1/p' <<<"$answer")
  [ -n "$MANAGER_ID" ] || fail "registration answered $answer"
  for _ in $(seq 1 100); do
    PASSWORD=$(grep -l "$USERNAME" "$outbox"/*.eml 2>/dev/null | head -1 | xargs -r sed -n 's/^Password: //p' | tr -d '\r')
    [ -n "$PASSWORD" ] && return 0
    sleep 0.2
  done
  fail "no credentials email for $USERNAME"
}

# own_devices BOOTSTRAP FIRST COUNT: the registered manager owns these devices since 29 days ago, so that he reads
# the frames the scenario publishes with past times (the API's take-ownership starts now).
own_devices() {
  java -jar "$JAR" grant-ownership --bootstrap-servers "$1" --device "$2" --count "$3" --manager "$MANAGER_ID" \
    --since $(( ($(date +%s) - 29 * 86400) * 1000 )) >/dev/null || fail "the manager could not own devices $2.."
}
