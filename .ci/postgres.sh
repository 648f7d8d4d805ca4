#!/usr/bin/env bash
# Debian's PostgreSQL on loopback for the cluster module's tests: installs it once per machine,
# starts it if it is down, creates the test role and database if missing, and prints the
# JDBC url for KIS_TRADER_TEST_PG_URL. Idempotent and quick when everything is already there.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql </dev/null >&2
fi
clusters="$(pg_lsclusters -h)"
if [[ "$clusters" != *online* ]]; then
  if [ -z "$clusters" ]; then
    pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >&2
  fi
  service postgresql start >&2
fi
as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
for _ in $(seq 1 100); do
  as_postgres 'select 1' >/dev/null 2>&1 && break
  sleep 0.2
done
if [ "$(as_postgres "select 1 from pg_roles where rolname = 'kis'")" != 1 ]; then
  as_postgres "create role kis login password 'kis'" >&2
fi
if [ "$(as_postgres "select 1 from pg_database where datname = 'kis_test'")" != 1 ]; then
  as_postgres 'create database kis_test owner kis' >&2
fi
echo "jdbc:postgresql://127.0.0.1:5432/kis_test?user=kis&password=kis"
