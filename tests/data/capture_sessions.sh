#!/usr/bin/env bash
# Re-records tests/data/frames/* from real clients (kcat, kafka-python) talking to chippy-broker
# through capture_frames.py. Run after a deliberate change to what the broker answers:
#   tests/data/capture_sessions.sh build/core/broker/chippy-broker
set -euo pipefail
broker_bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
proxy_port=29092
broker_port=29192

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
    local out="$here/frames/$name"
    rm -rf "$out"
    "$broker_bin" --listen 127.0.0.1:$broker_port --advertised-port $proxy_port --retention-ms -1 \
        --log-level warn >/dev/null &
    local broker_pid=$!
    /usr/bin/python3 "$here/capture_frames.py" $proxy_port $broker_port "$out" &
    local proxy_pid=$!
    wait_port $broker_port
    wait_port $proxy_port
    bash -c "$script"
    kill $proxy_pid $broker_pid
    wait $proxy_pid $broker_pid 2>/dev/null || true
    echo "127.0.0.1:$proxy_port" >"$out/advertised"
    echo "captured $(ls "$out" | grep -c '\.req$') requests into $out"
}

b=127.0.0.1:$proxy_port
capture kcat "
kcat -b $b -L >/dev/null
printf 'q1:{\"order\":1,\"customer\":\"Tibs\",\"queue\":1,\"parts\":[[\"cod\",\"chips\"]]}\nq2:{\"order\":2,\"customer\":\"Sam\",\"queue\":2,\"parts\":[[\"plaice\",\"chips\"]]}\n' | kcat -b $b -P -t ORDER -K: -z gzip
printf 'q3:three\nq1:four\n' | kcat -b $b -P -t ORDER -K:
kcat -b $b -C -t ORDER -o beginning -e -q >/dev/null
kcat -b $b -C -t ORDER -o -1 -e -q >/dev/null
"

capture kafka-python "/usr/bin/python3 $here/sessions/kafka_python_session.py $b"
