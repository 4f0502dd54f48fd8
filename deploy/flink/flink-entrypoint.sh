#!/usr/bin/env bash
# JobManager and TaskManager: a new named volume is owned by root, the Flink processes run as the image's flink
# user (the image's entrypoint steps down to it), so hand the checkpoint volume over first.
set -euo pipefail
mkdir -p /flink-checkpoints/savepoints
chown flink:flink /flink-checkpoints /flink-checkpoints/savepoints
exec /docker-entrypoint.sh "$@"
