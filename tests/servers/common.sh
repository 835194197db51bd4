# Shared by the server scripts: where the jars are, free loopback ports, waiting and stopping.
servers_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jars_root="${CHIPPY_SERVER_JARS:-$servers_dir/jars}"

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

need_java() {
    command -v java >/dev/null 2>&1 \
        || die "no java on PATH: run 'bash packaging/install-deps.sh' (it installs default-jdk-headless)"
}

need_jars() { # name
    [ -f "$jars_root/$1/.complete" ] \
        || die "no $1 jars in $jars_root/$1: run 'bash packaging/install-deps.sh' (it fetches them with Maven once)"
}

free_ports() { # count
    python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# Starts a command detached from the caller (its own session, output to a file), records its pid.
start_detached() { # dir logfile command...
    local dir=$1 log=$2
    shift 2
    setsid "$@" >"$log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
}

# Waits for a started server to answer. Returns 1 when the server exited first (a port taken
# between choosing it and binding it, say) and dies when it never answers.
wait_until() { # seconds description command...
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ -f "$dir/pid" ] && ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
            tail -n 20 "$dir/server.log" >&2 || true
            echo "$(basename "$0"): $what exited while starting (log: $dir/server.log)" >&2
            return 1
        fi
        if [ $SECONDS -ge $deadline ]; then
            tail -n 40 "$dir/server.log" >&2 || true
            die "$what: not ready after ${seconds}s (log: $dir/server.log)"
        fi
        sleep 0.5
    done
}

# Runs start_once DIR until the server is up, three times at most, each on new ports.
start_with_retries() { # dir
    for attempt in 1 2 3; do
        if start_once "$1"; then
            return 0
        fi
        echo "$(basename "$0"): attempt $attempt failed, trying again on other ports" >&2
    done
    die "the server did not start in three attempts (log: $1/server.log)"
}

# Stops exactly the process group that start_detached made, then removes its files.
stop_server() { # dir
    local dir=$1
    if [ -f "$dir/pid" ]; then
        local pid
        pid=$(cat "$dir/pid")
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
        rm -f "$dir/pid"
    fi
}
