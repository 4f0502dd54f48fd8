#!/bin/bash
# ClickHouse's image runs this at start (/docker-entrypoint-initdb.d; docker-compose.yml sets
# CLICKHOUSE_ALWAYS_RUN_INITDB_SCRIPTS, so a changed password takes effect at the next restart). It creates CX Pulse's
# users, or sets their passwords again; 20-cxpulse-grants.sql then gives each only what it needs (docs/security.md).
# Passwords come from the environment and reach ClickHouse only as SHA-256 hashes; none is in the repository.
set -euo pipefail

for variable in CLICKHOUSE_JOB_PASSWORD CLICKHOUSE_READER_PASSWORD CLICKHOUSE_ERASER_PASSWORD; do
  if [ -z "${!variable:-}" ]; then
    echo "cxpulse initdb: $variable is not set" >&2
    exit 1
  fi
done

sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

clickhouse client --host 127.0.0.1 --user "${CLICKHOUSE_USER:-default}" --password "${CLICKHOUSE_PASSWORD:-}" \
  --multiquery <<SQL
CREATE USER IF NOT EXISTS cxpulse_job;
ALTER USER cxpulse_job IDENTIFIED WITH sha256_hash BY '$(sha256 "$CLICKHOUSE_JOB_PASSWORD")';
CREATE USER IF NOT EXISTS cxpulse_reader;
ALTER USER cxpulse_reader IDENTIFIED WITH sha256_hash BY '$(sha256 "$CLICKHOUSE_READER_PASSWORD")'
  SETTINGS readonly = 2;
CREATE USER IF NOT EXISTS cxpulse_eraser;
ALTER USER cxpulse_eraser IDENTIFIED WITH sha256_hash BY '$(sha256 "$CLICKHOUSE_ERASER_PASSWORD")';
SQL
echo "cxpulse initdb: users cxpulse_job, cxpulse_reader, cxpulse_eraser ready"
