#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on 127.0.0.1 for the tests.
#   source .ci/pg.sh start   -> exports FLS_KIT_TEST_POSTGRES_URL (and FLS_KIT_PGDATA)
#   .ci/pg.sh stop           -> stops it and removes its data folder
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
case "${1:-}" in
  start)
    # A fresh folder and a free port, so a server left running elsewhere never collides.
    FLS_KIT_PGDATA=$(mktemp -d /tmp/fls-kit-pg.XXXXXX)
    chown postgres "$FLS_KIT_PGDATA"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    runuser -u postgres -- "$PGBIN/initdb" -D "$FLS_KIT_PGDATA" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$FLS_KIT_PGDATA" \
      -o "-p $port -k $FLS_KIT_PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" \
      -l "$FLS_KIT_PGDATA/log" -w start >/dev/null
    export FLS_KIT_PGDATA
    export FLS_KIT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL on 127.0.0.1:$port"
    ;;
  stop)
    if [ -n "${FLS_KIT_PGDATA:-}" ] && [ -d "$FLS_KIT_PGDATA" ]; then
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$FLS_KIT_PGDATA" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$FLS_KIT_PGDATA"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
