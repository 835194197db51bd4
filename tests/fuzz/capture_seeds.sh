#!/usr/bin/env bash
# Records the requests of every client the interop tests use (kcat/librdkafka, kafka-python,
# KafkaJS), as they talk to chippy-broker through tests/data/capture_frames.py, into
# tests/data/fuzz/request/captured/<client>/ as request-fuzzer seeds. Run again when a client
# or the broker's answers change:
#   tests/fuzz/capture_seeds.sh build-broker/core/broker/chippy-broker
set -euo pipefail
broker_bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
out_root=$root/tests/data/fuzz/request/captured
proxy_port=29093
broker_port=29193
b=127.0.0.1:$proxy_port

wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

capture() {
    local name=$1 script=$2
    local out=$out_root/$name
    rm -rf "$out"
    mkdir -p "$out"
    "$broker_bin" --listen 127.0.0.1:$broker_port --advertised-port $proxy_port \
        --group-initial-rebalance-delay-ms 0 --log-level warn >/dev/null &
    local broker_pid=$!
    /usr/bin/python3 "$root/tests/data/capture_frames.py" $proxy_port $broker_port "$out" &
    local proxy_pid=$!
    wait_port $broker_port
    wait_port $proxy_port
    bash -c "$script" >/dev/null 2>&1 || echo "($name: a client step failed; its requests are kept)"
    kill $proxy_pid $broker_pid
    wait $proxy_pid $broker_pid 2>/dev/null || true
    rm -f "$out"/*.resp
    for f in "$out"/*.req; do
        mv "$f" "${f%.req}.seed"
    done
    echo "captured $(ls "$out" | wc -l) requests from $name"
}

capture kcat "
kcat -b $b -L
printf 'q1:cod\nq2:plaice\n' | kcat -b $b -P -t ORDER -K: -z gzip
printf 'q3:chips\n' | kcat -b $b -P -t ORDER -K: -X enable.idempotence=true
kcat -b $b -C -t ORDER -o beginning -e -q
timeout 15 kcat -b $b -G fryers ORDER -o beginning -e -q -X session.timeout.ms=6000
kcat -b $b -Q -t ORDER:0:0
"
py=$root/tests/interop/python
capture kafka-python "
for s in admin_topics admin_configs admin_acls groups_consume_commit groups_delete; do
    timeout 60 /usr/bin/python3 $py/\$s.py $b
done
"
node_dir=$root/tests/interop/node
capture kafkajs "
for s in admin produce groups; do
    timeout 90 node $node_dir/\$s.js $b
done
"
