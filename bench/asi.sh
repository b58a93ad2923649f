#!/usr/bin/env bash
# ASI: decoding speed against reading the same bytes; and the upload of a 90-minute match until SUCCESS.
#
#   bench/asi.sh
#   UPLOADS=5 bench/asi.sh
source "$(dirname "$0")/lib.sh"
UPLOADS="${UPLOADS:-3}"
DATA="$BENCH_WORK/asi"
bench_build
rm -rf "$DATA"; mkdir -p "$DATA/files"

# Sessions that ended an hour ago (the simulator's default), 90 minutes at 10 Hz, one file per device.
simulator asi --devices "$UPLOADS" --duration 90m --out "$DATA/files" >"$DATA/files.out"
tool asi-decode "$DATA"/files/*.asi >"$DATA/decode.out"
log "decoding $(kv "$DATA/decode.out" decode_mb_per_s) MB/s, reading $(kv "$DATA/decode.out" read_mb_per_s) MB/s"

start_app "$DATA/app"
register_manager "$DATA/app"
own_devices "$UPLOADS"
# The devices exist before their files come: provisioned, with one second of live frames.
simulator live --bootstrap-servers "$BOOTSTRAP" --devices "$UPLOADS" --rate max --duration 1s --provision >/dev/null
sleep 3
: >"$DATA/uploads.out"
id=0
for file in "$DATA"/files/*.asi; do
  id=$((id + 1))
  printf '{"asi_b64": "%s"}' "$(base64 -w0 "$file")" >"$DATA/body.json"
  curl -s -u "$MANAGER:$PASSWORD" -H 'Content-Type: application/json' -o "$DATA/answer.json" \
    -w '%{time_total} %{http_code}\n' --data-binary @"$DATA/body.json" \
    "$API/api/v1/devices/$id/asi/?wait=60" >"$DATA/timing.txt"
  state="$(sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p' "$DATA/answer.json")"
  echo "$(basename "$file") $(stat -c %s "$file") $(cat "$DATA/timing.txt") $state" >>"$DATA/uploads.out"
  log "upload $(tail -1 "$DATA/uploads.out")"
done
stop_app

ROWS="$(awk '{ printf "| %s | %.1f MB | %.2f s | %s %s |\n", $1, $2 / 1e6, $3, $4, $5 }' "$DATA/uploads.out")"
WORST="$(awk 'BEGIN { m = 0 } { if ($3 > m) m = $3 } END { printf "%.2f", m }' "$DATA/uploads.out")"
write_section asi <<SECTION
## ASI decoding and upload (\`bench/asi.sh\`)

Machine: $(machine).

Method: $UPLOADS ASI files of 90-minute sessions at 10 Hz written by the simulator. Decoding: the best of 20 rounds
(after 5 of warm-up) of reading all the files and decoding them, against reading them only. Upload: each file
posted (\`asi_b64\`, HTTP Basic, \`wait=60\`) to the embedded default, one after the other; the time is the whole
request, until the answer says the job's state.

| figure | value | ratio / target |
|---|---|---|
| reading the files' bytes | $(kv "$DATA/decode.out" read_mb_per_s) MB/s | 1 |
| decoding | $(kv "$DATA/decode.out" decode_mb_per_s) MB/s ($(kv "$DATA/decode.out" fixes) fixes) | **$(ratio "$(kv "$DATA/decode.out" decode_mb_per_s)" "$(kv "$DATA/decode.out" read_mb_per_s)")** of reading (target 200 MB/s) |
| slowest upload until \`SUCCESS\` | **$WORST s** | target 3 s |

| file | size | upload until the answer | HTTP status, state |
|---|---|---|---|
$ROWS
SECTION
