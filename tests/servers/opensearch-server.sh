#!/usr/bin/env bash
# Starts or stops one OpenSearch node on free loopback ports, for the tests and by hand:
#   tests/servers/opensearch-server.sh start DIR   # prints the URL; DIR/server.env describes it
#   tests/servers/opensearch-server.sh stop DIR
#   tests/servers/opensearch-server.sh restart DIR # the same node again: DIR/home and its ports
# Its launcher class is compiled here, into CHIPPY_OPENSEARCH_CLASSES (default: beside the jars),
# when missing or older than its source.
set -euo pipefail
source "$(dirname "$0")/common.sh"

classes="${CHIPPY_OPENSEARCH_CLASSES:-$jars_root/opensearch-launcher}"

compile_launcher() {
    if [ ! "$classes/OpenSearchNode.class" -nt "$servers_dir/opensearch/src/OpenSearchNode.java" ]; then
        mkdir -p "$classes"
        javac -d "$classes" -cp "$jars_root/opensearch/*" "$servers_dir/opensearch/src/OpenSearchNode.java"
    fi
}

start_once() {
    dir=$1
    need_java
    need_jars opensearch
    stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir/home"
    compile_launcher
    read -r http_port transport_port < <(free_ports 2)
    launch "$dir" "$http_port" "$transport_port"
}

# Starts the node on DIR/home and the given ports, waits for it and writes DIR/server.env.
launch() { # dir http_port transport_port
    dir=$1
    local http_port=$2 transport_port=$3
    start_detached "$dir" "$dir/server.log" \
        java -Xmx512m -Xms512m -Dlog4j2.configurationFile="$servers_dir/log4j2.properties" \
        -cp "$classes:$jars_root/opensearch/*" OpenSearchNode "$dir/home" "$http_port" "$transport_port"
    local url="http://127.0.0.1:$http_port"
    wait_until 120 "OpenSearch" curl -sf "$url/_cluster/health?wait_for_status=yellow&timeout=1s" || return 1

    cat >"$dir/server.env" <<ENV
URL=$url
LOG=$dir/server.log
HTTP_PORT=$http_port
TRANSPORT_PORT=$transport_port
ENV
    echo "OpenSearch listening on $url"
}

# Starts the node of an earlier start again, killed or stopped, on the same data and ports, so
# that its clients find it where it was. Its previous log is kept as server.log.N.
restart() { # dir
    dir=$1
    need_java
    need_jars opensearch
    [ -f "$dir/server.env" ] || die "no $dir/server.env: start a node there first"
    local http_port transport_port
    http_port=$(sed -n 's/^HTTP_PORT=//p' "$dir/server.env")
    transport_port=$(sed -n 's/^TRANSPORT_PORT=//p' "$dir/server.env")
    [ -n "$http_port" ] && [ -n "$transport_port" ] || die "$dir/server.env names no ports"
    stop_server "$dir"
    compile_launcher
    for attempt in 1 2 3; do
        if [ -f "$dir/server.log" ]; then
            mv "$dir/server.log" "$dir/server.log.$(date +%s%N)"
        fi
        if launch "$dir" "$http_port" "$transport_port"; then
            return 0
        fi
        echo "$(basename "$0"): restart attempt $attempt failed" >&2
    done
    die "the node did not start again on ports $http_port and $transport_port (log: $dir/server.log)"
}

case "${1:-}" in
start) start_with_retries "${2:?usage: $0 start DIR}" ;;
stop) stop_server "${2:?usage: $0 stop DIR}" ;;
restart) restart "${2:?usage: $0 restart DIR}" ;;
*) die "usage: $0 start|stop|restart DIR" ;;
esac
