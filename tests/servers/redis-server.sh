#!/usr/bin/env bash
# Starts or stops one redis-server on a free loopback port, with a password, for the tests and
# by hand:
#   tests/servers/redis-server.sh start DIR   # DIR/server.env describes it (URL, HOST, PORT, PASSWORD)
#   tests/servers/redis-server.sh stop DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"

start_once() {
    dir=$1
    command -v redis-server >/dev/null 2>&1 \
        || die "no redis-server on PATH: run 'bash packaging/install-deps.sh'"
    stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir/data"
    local port password
    read -r port < <(free_ports 1)
    password="chippy-$RANDOM$RANDOM"
    start_detached "$dir" "$dir/server.log" \
        redis-server --bind 127.0.0.1 --port "$port" --requirepass "$password" \
        --dir "$dir/data" --save '' --appendonly no --daemonize no
    wait_until 30 "redis-server" redis-cli -h 127.0.0.1 -p "$port" --no-auth-warning -a "$password" ping || return 1

    cat >"$dir/server.env" <<ENV
URL=redis://127.0.0.1:$port
HOST=127.0.0.1
PORT=$port
PASSWORD=$password
LOG=$dir/server.log
ENV
    echo "redis-server listening on 127.0.0.1:$port"
}

case "${1:-}" in
start) start_with_retries "${2:?usage: $0 start DIR}" ;;
stop) stop_server "${2:?usage: $0 stop DIR}" ;;
*) die "usage: $0 start|stop DIR" ;;
esac
