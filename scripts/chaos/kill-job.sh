#!/usr/bin/env bash
# Chaos scenario on the local demo: kill -9 the process running the job mid-stream, start the demo again (it resumes
# from the newest retained checkpoint), stop the traffic, and reconcile Kafka against ClickHouse.
#
#   scripts/chaos/kill-job.sh            # fresh data dir .cxpulse/chaos/, 60 s of traffic before the kill
#   RUN_FOR=120 RATE=500 scripts/chaos/kill-job.sh
#
# It uses its own data directory and ports (19092/19093 Kafka, 18123/19000 ClickHouse, 18081 Flink UI, 18088 live
# view), so a demo you are running is left alone. Exit status: 0 when reconcile finds no difference, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${CXPULSE_CHAOS_DIR:-$ROOT/.cxpulse/chaos}"
RUN_FOR="${RUN_FOR:-60}"
RATE="${RATE:-200}"
PORTS=(--kafka-port 19092 --kafka-controller-port 19093 --clickhouse-port 18123 --clickhouse-tcp-port 19000
  --flink-ui-port 18081 --live-view-port 18088)
SERVERS=(--kafka-bootstrap-servers 127.0.0.1:19092 --clickhouse-url http://127.0.0.1:18123)

say() { echo "[$(date -u +%H:%M:%S)] $*"; }

# waits until the file has a line matching the pattern; fails if the process died first
await_line() { # file pattern pid timeout_seconds
  local deadline=$((SECONDS + $4))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ! kill -0 "$3" 2>/dev/null; then say "the demo exited; last lines of $1:"; tail -20 "$1"; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then say "no '$2' in $1 after $4 s"; tail -20 "$1"; exit 1; fi
    sleep 1
  done
}

rm -rf "$DATA"
mkdir -p "$DATA"

say "1. demo with traffic at $RATE events/s (log: $DATA/demo-1.log)"
"$ROOT/bin/cxpulse" demo --data-dir "$DATA" "${PORTS[@]}" --rate "$RATE" > "$DATA/demo-1.log" 2>&1 &
DEMO=$!
await_line "$DATA/demo-1.log" "CX Pulse demo is running" $DEMO 600
say "   running as pid $DEMO; letting it run $RUN_FOR s"
sleep "$RUN_FOR"
until find "$DATA/flink/checkpoints" -name _metadata -path '*chk-*' 2>/dev/null | grep -q .; do sleep 1; done
CHECKPOINT=$(find "$DATA/flink/checkpoints" -name _metadata -path '*chk-*' -printf '%T@ %h\n' | sort -n | tail -1 | cut -d' ' -f2)
SENT=$(grep -o 'simulator sent [0-9]*' "$DATA/demo-1.log" | tail -1 || true)

say "2. kill -9 $DEMO (newest checkpoint: ${CHECKPOINT#$DATA/}; last status: ${SENT:-none yet})"
kill -9 "$DEMO"
set +e; wait "$DEMO"; STATUS=$?; set -e
say "   the demo's JVM exited with $STATUS (137 = SIGKILL)"
for f in "$DATA/kafka/kafka.pid" "$DATA/clickhouse/clickhouse.pid"; do
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    say "   left running by the killed demo: pid $(cat "$f") ($(basename "$f" .pid)); the next demo stops it"
  fi
done

say "3. demo again, without traffic (log: $DATA/demo-2.log)"
START=$SECONDS
"$ROOT/bin/cxpulse" demo --data-dir "$DATA" "${PORTS[@]}" --no-simulator > "$DATA/demo-2.log" 2>&1 &
DEMO=$!
await_line "$DATA/demo-2.log" "CX Pulse demo is running" $DEMO 300
say "   $(grep -o 'experience-monitor running, .*' "$DATA/demo-2.log") ($((SECONDS - START)) s to restart)"

say "4. reconcile: every event in the topics exactly once in ClickHouse (waits up to 180 s for the job to catch up)"
START=$SECONDS
set +e
"$ROOT/bin/cxpulse" reconcile "${SERVERS[@]}" --wait 180s | tee "$DATA/reconcile.txt"
RESULT=${PIPESTATUS[0]}
set -e
say "   reconcile exited with $RESULT after $((SECONDS - START)) s"

say "5. stopping the demo"
kill -TERM "$DEMO"
wait "$DEMO" || true
exit "$RESULT"
