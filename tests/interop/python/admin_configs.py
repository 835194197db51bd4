"""Describes and alters topic and broker configs with kafka-python's KafkaAdminClient and
prints what each step answered as one JSON object (read by tst_kafkapython_admin).

Usage: admin_configs.py BOOTSTRAP [SUFFIX]
SUFFIX (optional) is appended to every topic name, to keep them apart on a shared Kafka.
"""
import json
import sys

from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewTopic


def describe(admin, resource):
    """Returns the resource's error and its configs as {name: {value, read_only, source, synonyms}}."""
    response = admin.describe_configs([resource], include_synonyms=True)[0]
    error_code, error_message, _, _, entries = response.resources[0]
    configs = {}
    for name, value, read_only, source, _, synonyms in entries:
        configs[name] = {
            "value": value,
            "read_only": read_only,
            "source": source,
            "synonyms": [list(s) for s in synonyms],
        }
    return {"error_code": error_code, "error_message": error_message, "configs": configs}


def alter(admin, resource):
    """Returns the error code and message AlterConfigs answered for the resource."""
    error_code, error_message, _, _ = admin.alter_configs([resource]).resources[0]
    return {"error_code": error_code, "error_message": error_message}


def main():
    admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="chippy-admin-test")
    suffix = sys.argv[2] if len(sys.argv) > 2 else ""
    ORDER, NOWHERE = "ORDER" + suffix, "NOWHERE" + suffix
    admin.create_topics([NewTopic(ORDER, 1, 1, topic_configs={"retention.ms": "60000"})])
    topic = ConfigResource(ConfigResourceType.TOPIC, ORDER)
    steps = {}
    steps["describe_topic"] = describe(admin, topic)
    steps["describe_broker"] = describe(admin, ConfigResource(ConfigResourceType.BROKER, "1"))
    steps["describe_missing"] = describe(
        admin, ConfigResource(ConfigResourceType.TOPIC, NOWHERE))
    steps["alter"] = alter(admin, ConfigResource(
        ConfigResourceType.TOPIC, ORDER, configs={"retention.bytes": "1048576"}))
    steps["alter_bad"] = alter(admin, ConfigResource(
        ConfigResourceType.TOPIC, ORDER, configs={"segment.bytes": "12"}))
    steps["describe_after"] = describe(admin, topic)
    admin.close()
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
