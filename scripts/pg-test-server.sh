#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb into a temporary directory, listen on a
# loopback port only, trust authentication, stopped and removed afterwards.
#   scripts/pg-test-server.sh start      prints "DIR URL" on stdout once the server is ready
#   scripts/pg-test-server.sh stop DIR   stops it and removes DIR
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user in a
# directory that user owns.
set -euo pipefail
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
start)
    [ -x "$bin/initdb" ] || { echo "pg-test-server: no PostgreSQL in $bin" >&2; exit 1; }
    dir=$(mktemp -d /tmp/cccd-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 20000))
        if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            echo "$dir postgresql://postgres@127.0.0.1:$port/postgres"
            exit 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
stop)
    dir=${2:?usage: pg-test-server.sh stop DIR}
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
