#!/usr/bin/env bash
# job-submitter: runs `flink run -d` for experience-monitor with the job flags given as arguments, unless the job
# already runs. A restarted stack resumes from the newest retained checkpoint or savepoint on the volume, so
# nothing is processed twice into ClickHouse and nothing is skipped.
set -euo pipefail

JOB_NAME=experience-monitor
host=${FLINK_REST%:*}
port=${FLINK_REST##*:}

# a client configuration of its own: the image's config.yaml points rest.address at 0.0.0.0 (for the servers)
export FLINK_CONF_DIR=/tmp/flink-client-conf
mkdir -p "$FLINK_CONF_DIR"
cp -r "$FLINK_HOME"/conf/. "$FLINK_CONF_DIR"/
printf 'rest:\n  address: %s\n  port: %s\n' "$host" "$port" > "$FLINK_CONF_DIR/config.yaml"

if flink list -r 2>/dev/null | grep -q ": $JOB_NAME ("; then
  echo "job-submitter: $JOB_NAME is already running; nothing to do"
  exit 0
fi

restore=()
newest=$(find "$CHECKPOINTS" -name _metadata -printf '%T@ %h\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2- || true)
if [ -n "$newest" ]; then
  echo "job-submitter: resuming from $newest"
  restore=(-s "file://$newest")
fi

echo "job-submitter: flink run -d $JOB_JAR $*"
exec flink run -d "${restore[@]}" "$JOB_JAR" "$@"
