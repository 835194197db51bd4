import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One member of a consumer group, with the Java client (the reference client), for
 * tst_groupbehaviour. Its twin with librdkafka is group_member_main.cpp; both speak the same
 * lines.
 *
 * Usage: GroupMember BOOTSTRAP GROUP TOPIC CLIENT_ID
 * Reads commands on standard input: "commit" (commit what was consumed, answer "committed"),
 * "close" (leave the group, answer "closed" and exit). Reports on standard output:
 * "assigned 0,1" (or "assigned -") whenever its partitions change, and "consumed P OFFSET" for
 * each record.
 */
public final class GroupMember {
    static final int POLL_MS = 50;
    static final int SESSION_TIMEOUT_MS = 6000; // Kafka's group.min.session.timeout.ms
    static final int HEARTBEAT_INTERVAL_MS = 500;
    static final int METADATA_MAX_AGE_MS = 1000; // notices added partitions soon

    private GroupMember() {}

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String partitions(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return "-";
        }
        return assigned.stream().map(TopicPartition::partition).sorted()
            .map(String::valueOf).collect(Collectors.joining(","));
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: GroupMember BOOTSTRAP GROUP TOPIC CLIENT_ID");
            System.exit(2);
        }
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, args[3]);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT_MS));
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(HEARTBEAT_INTERVAL_MS));
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(METADATA_MAX_AGE_MS));

        // Commands arrive on their own thread; the consumer is used only on this one.
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                     new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    commands.add(line.trim());
                }
            } catch (IOException e) {
                System.err.println("standard input: " + e);
            }
            commands.add("close");
        });
        reader.setDaemon(true);
        reader.start();

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(args[2]), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    say("assigned -");
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    say("assigned " + partitions(assigned));
                }
            });
            while (true) {
                String command = commands.poll();
                if ("close".equals(command)) {
                    break;
                }
                if ("commit".equals(command)) {
                    try {
                        consumer.commitSync();
                        say("committed");
                    } catch (KafkaException e) {
                        say("commit-failed " + e);
                    }
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(POLL_MS))) {
                    say("consumed " + record.partition() + " " + record.offset());
                }
            }
        }
        say("closed");
    }
}
