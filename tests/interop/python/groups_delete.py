"""Commits offsets for a group that never joins, then deletes the group with kafka-python's
KafkaAdminClient. Prints what each step answered as one JSON object (read by
tst_kafkapython_groups).

Usage: groups_delete.py BOOTSTRAP
"""
import json
import sys

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.structs import OffsetAndMetadata

TOPIC = "ORDER"
GROUP = "accountants"


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
    steps["deleted"] = [[group, error.__name__]
                        for group, error in admin.delete_consumer_groups([GROUP, "nobody"])]
    steps["committed_after"] = committed(admin)
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
