#!/usr/bin/env bash
# kafka-init: creates the CX Pulse topics if they do not exist yet (safe to run on every `docker compose up`).
# TOPICS, COMPACTED_TOPICS, PARTITIONS and BOOTSTRAP_SERVERS come from docker-compose.yml.
set -euo pipefail

KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh
for topic in $TOPICS; do
  config=()
  for compacted in ${COMPACTED_TOPICS:-}; do
    # the latest profile per customer_id is all the job needs: compaction keeps the topic bounded
    [ "$topic" = "$compacted" ] && config=(--config cleanup.policy=compact)
  done
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor 1 "${config[@]}"
done
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --topics-with-overrides
