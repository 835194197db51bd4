"""Commits offsets for a group that never joins, then deletes the group with kafka-python's
KafkaAdminClient. Prints what each step answered as one JSON object (read by
tst_kafkapython_groups).

Usage: groups_delete.py BOOTSTRAP [SUFFIX]
SUFFIX (optional) is appended to the topic and group names, to keep them apart on a shared
Kafka; the groups are reported without it.
"""
import json
import sys

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.structs import OffsetAndMetadata

SUFFIX = sys.argv[2] if len(sys.argv) > 2 else ""
TOPIC = "ORDER" + SUFFIX
GROUP = "accountants" + SUFFIX
NOBODY = "nobody" + SUFFIX


def committed(admin):
    offsets = admin.list_consumer_group_offsets(GROUP)
    return {str(tp.partition): o.offset for tp, o in offsets.items()}


def main():
    bootstrap = sys.argv[1]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="chippy-admin-test")
    admin.create_topics([NewTopic(TOPIC, 2, 1)])
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=GROUP,
                             enable_auto_commit=False)
    consumer.commit({TopicPartition(TOPIC, 0): OffsetAndMetadata(5, ""),
                     TopicPartition(TOPIC, 1): OffsetAndMetadata(7, "")})
    consumer.close()

    steps = {"committed": committed(admin)}
    # Sorted: Apache Kafka answers the groups in an order of its own.
    steps["deleted"] = sorted([group[:len(group) - len(SUFFIX)], error.__name__]
                              for group, error in admin.delete_consumer_groups([GROUP, NOBODY]))
    steps["committed_after"] = committed(admin)
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
