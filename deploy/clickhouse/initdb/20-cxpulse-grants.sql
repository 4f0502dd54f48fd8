-- What each CX Pulse user may do on ClickHouse 24.x/25.x (SQL access control). Run by the image at start, after
-- 10-cxpulse-users.sh has created the users. GRANT is idempotent; a grant names the database even before it exists.
-- 18.16 has no GRANT: there the local server's users.xml limits the job user to its database (docs/security.md).

-- the job (--clickhouse-user cxpulse_job): its main applies the migrations, its sinks insert
--   CREATE DATABASE IF NOT EXISTS cxpulse         -> CREATE DATABASE
--   CREATE TABLE IF NOT EXISTS cxpulse.…          -> CREATE TABLE
--   SELECT … FROM cxpulse.schema_migrations        -> SELECT
--   INSERT INTO cxpulse.… (every sink, migrations) -> INSERT
-- A future migration that alters a table brings the matching grant with it (e.g. ALTER ADD COLUMN).
GRANT CREATE DATABASE, CREATE TABLE, SELECT, INSERT ON cxpulse.* TO cxpulse_job;

-- Grafana and analysts: read the tables, nothing else (the user is also readonly = 2: it may set query settings,
-- as the Grafana plugin does, but never write)
GRANT SELECT ON cxpulse.* TO cxpulse_reader;

-- `cxpulse forget --customer ID` (data-subject erasure): finds the customer's rows and deletes them with
-- ALTER TABLE … DELETE, then watches system.mutations until the deletes are done
GRANT SELECT, ALTER DELETE ON cxpulse.* TO cxpulse_eraser;
GRANT SELECT ON system.mutations TO cxpulse_eraser;
