"""Creates, grows, lists and deletes topics with kafka-python's KafkaAdminClient and prints
what each step answered as one JSON object (read by tst_kafkapython_admin).

Usage: admin_topics.py BOOTSTRAP [SUFFIX]
SUFFIX (optional) is appended to every topic name, to keep them apart on a shared Kafka.
"""
import json
import sys

from kafka.admin import KafkaAdminClient, NewPartitions, NewTopic
from kafka.errors import KafkaError


def outcome(call):
    """Runs one admin call; returns its per-topic answers, or the error it raised."""
    try:
        response = call()
    except KafkaError as e:
        return {"ok": False, "error": type(e).__name__, "message": str(e)}
    answers = getattr(response, "topic_errors", None)
    if answers is None:
        answers = response.topic_error_codes
    return {"ok": True, "answers": [list(a) for a in answers]}


def main():
    admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="chippy-admin-test")
    suffix = sys.argv[2] if len(sys.argv) > 2 else ""
    ORDER, READY, COOK, HOT_FOOD, NOWHERE = (
        name + suffix for name in ("ORDER", "READY", "COOK", "HOT-FOOD", "NOWHERE"))

    def listed():
        """The topics this script made, as the broker lists them, without their suffix."""
        mine = {ORDER: "ORDER", READY: "READY", COOK: "COOK", HOT_FOOD: "HOT-FOOD"}
        return sorted(mine[t] for t in admin.list_topics() if t in mine)

    steps = {}
    steps["create"] = outcome(lambda: admin.create_topics([
        NewTopic(ORDER, 3, 1, topic_configs={"retention.ms": "60000"}),
        NewTopic(READY, 1, 1),
    ]))
    steps["create_again"] = outcome(lambda: admin.create_topics([NewTopic(ORDER, 1, 1)]))
    steps["three_replicas"] = outcome(lambda: admin.create_topics([NewTopic(COOK, 1, 3)]))
    steps["validate_only"] = outcome(
        lambda: admin.create_topics([NewTopic(HOT_FOOD, 2, 1)], validate_only=True))
    steps["topics_after_create"] = listed()
    steps["grow"] = outcome(lambda: admin.create_partitions({ORDER: NewPartitions(5)}))
    steps["shrink"] = outcome(lambda: admin.create_partitions({ORDER: NewPartitions(2)}))
    steps["partitions"] = {
        t["topic"][:len(t["topic"]) - len(suffix)]: len(t["partitions"])
        for t in admin.describe_topics([ORDER, READY])
    }
    steps["delete"] = outcome(lambda: admin.delete_topics([READY]))
    steps["delete_missing"] = outcome(lambda: admin.delete_topics([NOWHERE]))
    steps["topics_after_delete"] = listed()
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
