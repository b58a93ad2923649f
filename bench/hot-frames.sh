#!/usr/bin/env bash
# Summarises a JFR recording's execution samples: the 25 hottest top frames (self time), and the 25 methods of
# the project, RocksDB and Kafka found most often anywhere in the sampled stacks (inclusive time).
#   bench/hot-frames.sh recording.jfr
set -euo pipefail
jfr print --events jdk.ExecutionSample --stack-depth 64 "$1" | awk '
  /jdk.ExecutionSample/ { inStack = 0; first = 1; delete seen; samples++ }
  /stackTrace = \[/ { inStack = 1; next }
  inStack && /^[[:space:]]*\]/ { inStack = 0 }
  inStack && /line:/ {
    frame = $1
    if (first) { self[frame]++; first = 0 }
    if (!(frame in seen) && frame ~ /^(io\.insiders|org\.rocksdb|org\.apache\.kafka|org\.apache\.avro)/) {
      seen[frame] = 1; incl[frame]++
    }
  }
  END {
    printf "%d samples\n-- self (top frame)\n", samples
    for (f in self) printf "%6d %5.1f%% %s\n", self[f], 100 * self[f] / samples, f | "sort -rn | head -25"
    close("sort -rn | head -25")
    print "-- inclusive (project, RocksDB, Kafka, Avro)"
    for (f in incl) printf "%6d %5.1f%% %s\n", incl[f], 100 * incl[f] / samples, f | "sort -rn | head -25"
  }'
