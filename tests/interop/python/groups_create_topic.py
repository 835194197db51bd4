"""Creates one topic with kafka-python's KafkaAdminClient, for the kcat group test of
tst_kafkapython_groups.

Usage: groups_create_topic.py BOOTSTRAP TOPIC PARTITIONS
"""
import sys

from kafka.admin import KafkaAdminClient, NewTopic


def main():
    admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="chippy-groups-test")
    admin.create_topics([NewTopic(sys.argv[2], int(sys.argv[3]), 1)])
    admin.close()


if __name__ == "__main__":
    main()
