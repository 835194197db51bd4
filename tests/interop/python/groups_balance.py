"""Two kafka-python consumers of one group, each polled on its own thread, share a topic's
partitions and then split the records produced to it. Prints what each consumer was
assigned and consumed as one JSON object (read by tst_kafkapython_groups).

Usage: groups_balance.py BOOTSTRAP [SUFFIX]
SUFFIX (optional) is appended to the topic and group names, to keep them apart on a shared
Kafka.
"""
import json
import sys
import threading
import time

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

SUFFIX = sys.argv[2] if len(sys.argv) > 2 else ""
TOPIC = "READY" + SUFFIX
GROUP = "counters" + SUFFIX
PARTITIONS = 4
RECORDS = 40
DEADLINE_S = 40


class Counter(threading.Thread):
    """One group member; joining and rebalancing happen inside its poll calls."""

    def __init__(self, bootstrap, client_id):
        super().__init__()
        self.consumer = KafkaConsumer(TOPIC, bootstrap_servers=bootstrap, group_id=GROUP,
                                      client_id=client_id, auto_offset_reset="earliest",
                                      heartbeat_interval_ms=250)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.assigned = []
        self.consumed = []

    def run(self):
        while not self.stopping.is_set():
            batches = self.consumer.poll(timeout_ms=100)
            with self.lock:
                self.assigned = sorted(tp.partition for tp in self.consumer.assignment())
                for records in batches.values():
                    self.consumed.extend(r.value.decode() for r in records)
        self.consumer.close()

    def snapshot(self):
        with self.lock:
            return list(self.assigned), list(self.consumed)


def wait_until(condition):
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)


def main():
    bootstrap = sys.argv[1]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="chippy-groups-test")
    admin.create_topics([NewTopic(TOPIC, PARTITIONS, 1)])
    admin.close()

    counters = [Counter(bootstrap, "counter-1"), Counter(bootstrap, "counter-2")]
    for c in counters:
        c.start()
    wait_until(lambda: all(len(c.snapshot()[0]) == PARTITIONS // 2 for c in counters))
    assigned = [c.snapshot()[0] for c in counters]

    producer = KafkaProducer(bootstrap_servers=bootstrap)
    for i in range(RECORDS):
        producer.send(TOPIC, ("order %d" % i).encode(), partition=i % PARTITIONS)
    producer.flush()
    producer.close()
    wait_until(lambda: sum(len(c.snapshot()[1]) for c in counters) >= RECORDS)

    consumed = [c.snapshot()[1] for c in counters]
    for c in counters:
        c.stopping.set()
        c.join()
    print(json.dumps({"assigned": assigned, "consumed": consumed}))


if __name__ == "__main__":
    main()
