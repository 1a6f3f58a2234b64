#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on 127.0.0.1 for the tests.
#   source .ci/pg.sh start   -> exports FLS_KIT_TEST_POSTGRES_URL
#   .ci/pg.sh stop
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=${FLS_KIT_PGDATA:-/tmp/fls-kit-pg}
PGPORT=${FLS_KIT_PGPORT:-55432}
case "${1:-}" in
  start)
    rm -rf "$PGDATA" && mkdir -p "$PGDATA" && chown postgres "$PGDATA"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$PGDATA/log" -w start >/dev/null
    export FLS_KIT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    echo "PostgreSQL on 127.0.0.1:$PGPORT"
    ;;
  stop)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
