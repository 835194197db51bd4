#!/usr/bin/env bash
# Starts or stops one PostgreSQL server on a free loopback port (TCP only, password auth), its
# cluster made by initdb in a temporary folder, for the tests and by hand:
#   tests/servers/postgres-server.sh start DIR   # DIR/server.env describes it (HOST, PORT, USER, PASSWORD, DSN)
#   tests/servers/postgres-server.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the "postgres" user.
set -euo pipefail
source "$(dirname "$0")/common.sh"

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] || die "no PostgreSQL server found: run 'bash packaging/install-deps.sh'"
    echo "$bin"
}

owner=()
[ "$(id -u)" -ne 0 ] || owner=(runuser -u postgres --)

start_once() {
    dir=$1
    local bin cluster port password
    bin=$(pg_bin)
    stop_server "$dir"
    remove_cluster "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    cluster=$(mktemp -d /tmp/chippy-postgres.XXXXXX)
    echo "$cluster" >"$dir/cluster"
    password="chippy-$RANDOM$RANDOM"
    echo "$password" >"$cluster/pwfile"
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$cluster"
    "${owner[@]}" "$bin/initdb" -D "$cluster/data" -U chippy --pwfile="$cluster/pwfile" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    read -r port < <(free_ports 1)
    start_detached "$dir" "$dir/server.log" \
        "${owner[@]}" "$bin/postgres" -D "$cluster/data" -c listen_addresses=127.0.0.1 -p "$port" \
        -c unix_socket_directories= -c fsync=off -c max_connections=100
    wait_until 60 "PostgreSQL" "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || return 1

    cat >"$dir/server.env" <<ENV
HOST=127.0.0.1
PORT=$port
USER=chippy
PASSWORD=$password
DATABASE=postgres
DSN=postgresql://chippy:$password@127.0.0.1:$port/postgres
LOG=$dir/server.log
ENV
    echo "PostgreSQL listening on 127.0.0.1:$port"
}

remove_cluster() { # dir
    if [ -f "$1/cluster" ]; then
        rm -rf "$(cat "$1/cluster")"
        rm -f "$1/cluster"
    fi
}

stop() {
    stop_server "$1"
    remove_cluster "$1"
}

case "${1:-}" in
start) start_with_retries "${2:?usage: $0 start DIR}" ;;
stop) stop "${2:?usage: $0 stop DIR}" ;;
*) die "usage: $0 start|stop DIR" ;;
esac
