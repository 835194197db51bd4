"""Consumes in a group with kafka-python, commits, looks at the group with the admin client,
then resumes in a new consumer of the same group. Prints what each step saw as one JSON
object (read by tst_kafkapython_groups).

Usage: groups_consume_commit.py BOOTSTRAP [SUFFIX]
SUFFIX (optional) is appended to the topic and group names, to keep them apart on a shared
Kafka; the group is listed without it.
"""
import json
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

SUFFIX = sys.argv[2] if len(sys.argv) > 2 else ""
TOPIC = "ORDER" + SUFFIX
GROUP = "preparers" + SUFFIX
PARTITIONS = 3
DEADLINE_S = 40


def produce(bootstrap, values):
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    for i, value in enumerate(values):
        producer.send(TOPIC, value.encode(), partition=i % PARTITIONS)
    producer.flush()
    producer.close()


def consumer(bootstrap, client_id):
    return KafkaConsumer(TOPIC, bootstrap_servers=bootstrap, group_id=GROUP,
                         client_id=client_id, auto_offset_reset="earliest",
                         enable_auto_commit=False, heartbeat_interval_ms=250)


def consume(c, count):
    """Polls until count records arrived or the deadline passed; returns their values."""
    values = []
    deadline = time.monotonic() + DEADLINE_S
    while len(values) < count and time.monotonic() < deadline:
        for records in c.poll(timeout_ms=200).values():
            values.extend(r.value.decode() for r in records)
    return values


def describe(admin):
    group = admin.describe_consumer_groups([GROUP])[0]
    members = []
    for m in group.members:
        assignment = m.member_assignment
        members.append({
            "client_id": m.client_id,
            "client_host": m.client_host,
            "partitions": sorted(p for _, parts in assignment.assignment for p in parts)
            if assignment else [],
        })
    return {"state": group.state, "protocol_type": group.protocol_type,
            "protocol": group.protocol, "members": members}


def main():
    bootstrap = sys.argv[1]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="chippy-groups-test")
    admin.create_topics([NewTopic(TOPIC, PARTITIONS, 1)])
    steps = {}

    produce(bootstrap, ["cod %d" % i for i in range(30)])
    first = consumer(bootstrap, "fryer-1")
    steps["first_consumed"] = sorted(consume(first, 30))
    first.commit()
    steps["while_consuming"] = describe(admin)
    first.close()

    # A shared Kafka lists other tests' groups too: only this script's one counts.
    steps["listed"] = sorted([g[0][:len(g[0]) - len(SUFFIX)], g[1]]
                             for g in admin.list_consumer_groups() if g[0] == GROUP)
    steps["after_close"] = describe(admin)
    steps["committed"] = {str(tp.partition): meta.offset
                          for tp, meta in admin.list_consumer_group_offsets(GROUP).items()}

    produce(bootstrap, ["chips %d" % i for i in range(12)])
    second = consumer(bootstrap, "fryer-2")
    steps["second_consumed"] = sorted(consume(second, 12))
    second.commit()
    steps["second_committed"] = {
        str(p): second.committed(TopicPartition(TOPIC, p)) for p in range(PARTITIONS)}
    second.close()
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
