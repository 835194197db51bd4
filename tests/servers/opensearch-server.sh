#!/usr/bin/env bash
# Starts or stops one OpenSearch node on free loopback ports, for the tests and by hand:
#   tests/servers/opensearch-server.sh start DIR   # prints the URL; DIR/server.env describes it
#   tests/servers/opensearch-server.sh stop DIR
# Its launcher class is compiled here, into CHIPPY_OPENSEARCH_CLASSES (default: beside the jars),
# when missing or older than its source.
set -euo pipefail
source "$(dirname "$0")/common.sh"

start_once() {
    dir=$1
    need_java
    need_jars opensearch
    stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir/home"
    local classes="${CHIPPY_OPENSEARCH_CLASSES:-$jars_root/opensearch-launcher}"
    if [ ! "$classes/OpenSearchNode.class" -nt "$servers_dir/opensearch/src/OpenSearchNode.java" ]; then
        mkdir -p "$classes"
        javac -d "$classes" -cp "$jars_root/opensearch/*" "$servers_dir/opensearch/src/OpenSearchNode.java"
    fi
    read -r http_port transport_port < <(free_ports 2)

    start_detached "$dir" "$dir/server.log" \
        java -Xmx512m -Xms512m -Dlog4j2.configurationFile="$servers_dir/log4j2.properties" \
        -cp "$classes:$jars_root/opensearch/*" OpenSearchNode "$dir/home" "$http_port" "$transport_port"
    local url="http://127.0.0.1:$http_port"
    wait_until 120 "OpenSearch" curl -sf "$url/_cluster/health?wait_for_status=yellow&timeout=1s" || return 1

    cat >"$dir/server.env" <<ENV
URL=$url
LOG=$dir/server.log
ENV
    echo "OpenSearch listening on $url"
}

case "${1:-}" in
start) start_with_retries "${2:?usage: $0 start DIR}" ;;
stop) stop_server "${2:?usage: $0 stop DIR}" ;;
*) die "usage: $0 start|stop DIR" ;;
esac
