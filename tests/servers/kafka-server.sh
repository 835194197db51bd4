#!/usr/bin/env bash
# Starts or stops one Apache Kafka node (KRaft, broker and controller in one process) on free
# loopback ports, for the tests and by hand:
#   tests/servers/kafka-server.sh start DIR   # prints the address; DIR/server.env describes it
#   tests/servers/kafka-server.sh stop DIR
# It listens twice: PLAINTEXT, and SASL_PLAINTEXT with PLAIN for the user in server.env.
set -euo pipefail
source "$(dirname "$0")/common.sh"

sasl_user=chippy
sasl_password=fish-and-chips-$RANDOM$RANDOM

start_once() {
    dir=$1
    need_java
    need_jars kafka
    stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir/logs"
    read -r port sasl_port controller_port < <(free_ports 3)

    cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,SASL_PLAINTEXT://127.0.0.1:$sasl_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,SASL_PLAINTEXT://127.0.0.1:$sasl_port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$sasl_user="$sasl_password";
log.dirs=$dir/logs
num.partitions=1
offsets.topic.num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS

    local classpath="$jars_root/kafka/*"
    local log4j="-Dlog4j2.configurationFile=$servers_dir/log4j2.properties"
    java "$log4j" -cp "$classpath" kafka.tools.StorageTool format \
        -t "$(python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode()[:22])')" \
        -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
        || { cat "$dir/format.log" >&2; die "kafka-storage format failed"; }

    start_detached "$dir" "$dir/server.log" \
        java -Xmx512m -Xms256m "$log4j" -cp "$classpath" kafka.Kafka "$dir/server.properties"
    wait_until 120 "Apache Kafka" kcat -b "127.0.0.1:$port" -L -m 2 || return 1

    cat >"$dir/server.env" <<ENV
BOOTSTRAP=127.0.0.1:$port
SASL_BOOTSTRAP=127.0.0.1:$sasl_port
SASL_USER=$sasl_user
SASL_PASSWORD=$sasl_password
JARS=$jars_root/kafka
LOG=$dir/server.log
ENV
    echo "Apache Kafka listening on 127.0.0.1:$port (SASL/PLAIN on $sasl_port)"
}

case "${1:-}" in
start) start_with_retries "${2:?usage: $0 start DIR}" ;;
stop) stop_server "${2:?usage: $0 stop DIR}" ;;
*) die "usage: $0 start|stop DIR" ;;
esac
