"""A kafka-python session recorded by capture_sessions.sh: produce, consume, look up offsets."""
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

bootstrap = sys.argv[1]
producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=50)
for i in range(3):
    producer.send("READY", key=b"%d" % i, value=b'{"order":%d}' % i,
                  timestamp_ms=1700000000000 + i * 1000)
producer.flush()
producer.close()

consumer = KafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                         consumer_timeout_ms=1500, enable_auto_commit=False)
tp = TopicPartition("READY", 0)
consumer.assign([tp])
assert len(list(consumer)) == 3
consumer.offsets_for_times({tp: 1700000001000})
consumer.beginning_offsets([tp])
consumer.end_offsets([tp])
consumer.close()
