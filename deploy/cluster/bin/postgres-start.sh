#!/usr/bin/env bash
# Starts a PostgreSQL server for the ledger store in the foreground (Debian's postgresql package); initialises the
# data folder on first start. Run as the database's OS user (PostgreSQL refuses root): as root, this re-runs itself
# as "postgres". The ledger store's schema is migrated by the job at submission (as the owner).
# Environment (defaults): PGDATA (/var/lib/shopfloor/postgres), PGPORT (5432), PG_LISTEN ('*'),
# PG_BIN (the newest /usr/lib/postgresql/*/bin), PG_OWNER_PASSWORD (unset: local trust, for a test host only).
set -euo pipefail
export PGDATA="${PGDATA:-/var/lib/shopfloor/postgres}"
export PGPORT="${PGPORT:-5432}"
export PG_LISTEN="${PG_LISTEN:-*}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown postgres "$PGDATA"
    exec runuser -u postgres -- env PGDATA="$PGDATA" PGPORT="$PGPORT" PG_LISTEN="$PG_LISTEN" PG_BIN="$PG_BIN" \
        ${PG_OWNER_PASSWORD:+PG_OWNER_PASSWORD="$PG_OWNER_PASSWORD"} "$0" "$@"
fi
if [ ! -f "$PGDATA/PG_VERSION" ]; then
    if [ -n "${PG_OWNER_PASSWORD:-}" ]; then
        "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile=<(echo "$PG_OWNER_PASSWORD")
    else
        "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust
    fi
    # The ledger store's exactly-once writes need no prepared transactions (idempotency keys), but fsync stays on.
    echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
exec "$PG_BIN/postgres" -D "$PGDATA" -p "$PGPORT" -c listen_addresses="$PG_LISTEN" -k "$PGDATA"
