#!/usr/bin/env bash
# Lets the read-replica tests (test/support/streaming-replica.ts) take a base backup of the local
# PostgreSQL and stream from it: a pg_hba entry for replication connections from 127.0.0.1 with
# trust ("all" in pg_hba's database column does not cover replication), wal_level ≥ replica and
# max_wal_senders > 0 (both PostgreSQL's defaults). Idempotent: changes only what is missing;
# the hba entry needs a reload, the server settings a restart (done only when they were wrong).
# Usage: test/support/ensure-replication.sh [superuser URL] — run as root or the postgres user.
set -euo pipefail
url="${1:-postgres://postgres@127.0.0.1:5432/postgres}"
q() { psql "$url" -v ON_ERROR_STOP=1 -Atqc "$1"; }

rules="$(q "SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host' AND 'replication' = ANY(database) AND auth_method = 'trust' AND (address = '127.0.0.1' OR address = 'all' OR address IS NULL)")"
if [ "$rules" = "0" ]; then
  hba="$(q 'SHOW hba_file')"
  echo "ensure-replication: allowing replication connections from 127.0.0.1 (trust) in $hba"
  printf '\n# Read-replica tests: streaming replication from loopback.\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
  q 'SELECT pg_reload_conf()' >/dev/null
fi

restart=0
if [ "$(q 'SHOW wal_level')" = "minimal" ]; then q "ALTER SYSTEM SET wal_level = 'replica'"; restart=1; fi
if [ "$(q 'SHOW max_wal_senders')" = "0" ]; then q 'ALTER SYSTEM SET max_wal_senders = 10'; restart=1; fi
if [ "$restart" = "1" ]; then
  echo "ensure-replication: restarting PostgreSQL for wal_level/max_wal_senders"
  data="$(q 'SHOW data_directory')"
  if command -v pg_ctlcluster >/dev/null; then
    version="$(q 'SHOW server_version_num')"
    pg_ctlcluster --skip-systemctl-redirect "$((version / 10000))" main restart
  else
    su postgres -c "pg_ctl -D '$data' restart -w"
  fi
fi
