"""Produces and consumes in a group with kafka-python over SASL_PLAINTEXT with PLAIN, then
connects with a wrong password. Prints what each step saw as one JSON object (read by
tst_kafkapython_sasl).

Usage: sasl_plain.py BOOTSTRAP USER PASSWORD [SUFFIX]
SUFFIX is appended to the topic and group names, to keep them apart on a shared Kafka.
"""
import json
import sys
import time

from kafka import KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError

TOPIC = "ORDER"
VALUES = ["cod", "plaice", "haddock"]
DEADLINE_S = 30


def sasl(user, password):
    return {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN",
            "sasl_plain_username": user, "sasl_plain_password": password}


def produce(bootstrap, credentials, topic):
    producer = KafkaProducer(bootstrap_servers=bootstrap, **credentials)
    for value in VALUES:
        producer.send(topic, value.encode())
    producer.flush(timeout=DEADLINE_S)
    producer.close()


def consume(bootstrap, credentials, topic, group):
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group,
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             **credentials)
    values = []
    deadline = time.monotonic() + DEADLINE_S
    while len(values) < len(VALUES) and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=200).values():
            values.extend(r.value.decode() for r in records)
    consumer.commit()
    consumer.close()
    return values


def connect_with(bootstrap, credentials):
    """Starts a producer; returns the error class it failed with and how long that took."""
    started = time.monotonic()
    try:
        KafkaProducer(bootstrap_servers=bootstrap, **credentials).close()
        error = None
    except KafkaError as e:
        error = type(e).__name__
    return {"error": error, "seconds": time.monotonic() - started}


def main():
    bootstrap, user, password = sys.argv[1:4]
    suffix = sys.argv[4] if len(sys.argv) > 4 else ""
    steps = {}
    produce(bootstrap, sasl(user, password), TOPIC + suffix)
    steps["consumed"] = consume(bootstrap, sasl(user, password), TOPIC + suffix, "counters" + suffix)
    steps["wrong_password"] = connect_with(bootstrap, sasl(user, password + "-wrong"))
    print(json.dumps(steps))


if __name__ == "__main__":
    main()
