package chippy.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The differential suite: the same requests to chippy-broker and to Apache Kafka, at the versions that
 * librdkafka, KafkaJS, kafka-python and the Java client send, answers compared field by field.
 * Differences not listed in the accepted-differences file fail the run.
 *
 * Environment: CHIPPY_BROKER_BIN (the broker to start), CHIPPY_KAFKA_ENV (server.env of a running Kafka);
 * argument: the accepted-differences file.
 */
public final class Main {
    private static final long BROKER_START_TIMEOUT_S = 30;
    private static final long COORDINATOR_TIMEOUT_MS = 60000;
    private static final long COORDINATOR_POLL_MS = 200;
    /** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR. */
    private static final Set<Short> RETRIABLE = Set.of((short) 14, (short) 15, (short) 16);
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+:\\d+)");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Main ACCEPTED_DIFFERENCES_FILE");
            System.exit(2);
        }
        long started = System.nanoTime();
        AcceptedDifferences accepted = AcceptedDifferences.read(Path.of(args[0]));
        String kafkaAddress = kafkaBootstrap(System.getenv("CHIPPY_KAFKA_ENV"));
        Path dataDir = Files.createTempDirectory("chippy-differential");
        Process broker = startChippy(System.getenv("CHIPPY_BROKER_BIN"), dataDir);
        int failures;
        try (Side chippy = new Side("chippy", chippyAddress(broker));
                Side kafka = new Side("kafka", kafkaAddress)) {
            String runTag = "d" + UUID.randomUUID().toString().substring(0, 8);
            Suite suite = new Suite(chippy, kafka, runTag);
            failures = run(suite, accepted);
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
            deleteTree(dataDir);
        }
        System.out.printf("run time %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int run(Suite suite, AcceptedDifferences accepted) throws Exception {
        Map<ApiKeys, short[]> chippyRanges = advertised(suite.chippy);
        Map<ApiKeys, short[]> kafkaRanges = advertised(suite.kafka);
        for (Side side : suite.sides()) {
            side.nodeId = selfNodeId(side);
            awaitCoordinators(side);
        }
        List<Profile> profiles = List.of(Profile.librdkafka(), Profile.kafkaJs(), Profile.kafkaPython(),
                Profile.javaClient(chippyRanges, kafkaRanges), Profile.everyVersion(chippyRanges, kafkaRanges));
        for (Profile profile : profiles) {
            checkServed(profile, chippyRanges);
            Scenarios scenarios = new Scenarios(suite, profile);
            scenarios.run();
        }
        ClusterScenario.unknownVersions(suite);
        int refused = OldVersions.check(suite, chippyRanges, kafkaRanges);

        List<Difference> unaccepted = new ArrayList<>();
        for (Difference d : suite.differences) {
            AcceptedDifferences.Entry entry = accepted.accepting(d);
            if (entry == null) {
                unaccepted.add(d);
            }
        }
        System.out.println("compared " + suite.compared.size() + " API versions: " + String.join(", ",
                suite.compared));
        System.out.println(refused + " old API versions served by chippy only, refused by Kafka as it advertises");
        for (AcceptedDifferences.Entry entry : accepted.entries) {
            System.out.printf("accepted (line %d, %d differences): %s %s %s: %s%n", entry.line, entry.matches,
                    entry.api, entry.fromVersion == 0 && entry.toVersion == Short.MAX_VALUE ? "*"
                            : entry.fromVersion + "-" + entry.toVersion, entry.pathGlob, entry.reason);
            if (entry.matches == 0) {
                System.out.println("  note: this entry matched nothing in this run; remove it if it stays so");
            } else {
                System.out.println("  e.g. " + entry.example);
            }
        }
        int failures = unaccepted.size();
        if (accepted.entries.size() > AcceptedDifferences.MAX_ENTRIES) {
            System.out.println("FAIL: " + accepted.entries.size() + " accepted differences, at most "
                    + AcceptedDifferences.MAX_ENTRIES + " allowed");
            ++failures;
        }
        for (Difference d : unaccepted) {
            System.out.println("DIFFERENCE " + d);
        }
        System.out.println(unaccepted.size() + " differences not accepted, " + (suite.differences.size()
                - unaccepted.size()) + " accepted");
        return failures;
    }

    private static void checkServed(Profile profile, Map<ApiKeys, short[]> chippyRanges) {
        for (ApiKeys api : ApiKeys.values()) {
            for (short v : profile.all(api)) {
                short[] range = chippyRanges.get(api);
                if (range == null || v < range[0] || v > range[1]) {
                    throw new IllegalStateException(profile.name + " sends " + api.name + " v" + v
                            + ", which chippy-broker does not advertise");
                }
            }
        }
    }

    private static Map<ApiKeys, short[]> advertised(Side side) throws IOException {
        short version = 3;
        WireConnection.Reply reply = side.connection.send(ApiKeys.API_VERSIONS, version,
                new ApiVersionsRequestData().setClientSoftwareName("chippy-differential")
                        .setClientSoftwareVersion("1"));
        if (reply.closed()) {
            throw new IOException(side.name + ": no ApiVersions answer: " + reply.failure());
        }
        Map<ApiKeys, short[]> ranges = new EnumMap<>(ApiKeys.class);
        for (ApiVersionsResponseData.ApiVersion api : ((ApiVersionsResponseData) reply.body()).apiKeys()) {
            if (ApiKeys.hasId(api.apiKey())) {
                ranges.put(ApiKeys.forId(api.apiKey()), new short[] {api.minVersion(), api.maxVersion()});
            }
        }
        return ranges;
    }

    private static int selfNodeId(Side side) throws IOException {
        short version = 12;
        WireConnection.Reply reply = side.connection.send(ApiKeys.METADATA, version,
                new MetadataRequestData().setTopics(new ArrayList<>()));
        if (reply.closed()) {
            throw new IOException(side.name + ": no Metadata answer: " + reply.failure());
        }
        MetadataResponseData metadata = (MetadataResponseData) reply.body();
        return metadata.brokers().iterator().next().nodeId();
    }

    /**
     * A Kafka node that has not served a group or a producer yet answers COORDINATOR_NOT_AVAILABLE and
     * COORDINATOR_LOAD_IN_PROGRESS while it creates its internal topics; clients retry, and so does this,
     * before anything is compared.
     */
    private static void awaitCoordinators(Side side) throws IOException {
        long deadline = System.currentTimeMillis() + COORDINATOR_TIMEOUT_MS;
        // Named apart from the run's groups, which are compared: this member's session just runs out.
        String group = "chippy-differential-warm-up-" + UUID.randomUUID();
        while (true) {
            WireConnection.Reply coordinator = side.connection.send(ApiKeys.FIND_COORDINATOR, (short) 3,
                    new FindCoordinatorRequestData().setKey(group).setKeyType((byte) 0));
            WireConnection.Reply producer = side.connection.send(ApiKeys.INIT_PRODUCER_ID, (short) 4,
                    new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(1000)
                            .setProducerId(-1).setProducerEpoch((short) -1));
            WireConnection.Reply join = side.connection.send(ApiKeys.JOIN_GROUP, (short) 5,
                    new JoinGroupRequestData().setGroupId(group).setSessionTimeoutMs(10000)
                            .setRebalanceTimeoutMs(10000).setMemberId("").setProtocolType("consumer")
                            .setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(List.of(
                                    new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                            .setMetadata(new byte[0])).iterator())));
            boolean ready = !coordinator.closed() && !producer.closed() && !join.closed()
                    && ((FindCoordinatorResponseData) coordinator.body()).errorCode() == 0
                    && ((InitProducerIdResponseData) producer.body()).errorCode() == 0
                    && !RETRIABLE.contains(((JoinGroupResponseData) join.body()).errorCode());
            if (ready) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(side.name + ": group and producer coordinators not ready in "
                        + COORDINATOR_TIMEOUT_MS + " ms");
            }
            Scenarios.sleep(COORDINATOR_POLL_MS);
        }
    }

    private static String kafkaBootstrap(String envFile) throws IOException {
        if (envFile == null) {
            throw new IOException("CHIPPY_KAFKA_ENV is not set");
        }
        for (String line : Files.readAllLines(Path.of(envFile))) {
            if (line.startsWith("BOOTSTRAP=")) {
                return line.substring("BOOTSTRAP=".length()).strip();
            }
        }
        throw new IOException("no BOOTSTRAP in " + envFile);
    }

    private static Process startChippy(String binary, Path dataDir) throws IOException {
        if (binary == null) {
            throw new IOException("CHIPPY_BROKER_BIN is not set");
        }
        // The same settings as the Kafka fixture: no delay before a new group's first rebalance.
        ProcessBuilder builder = new ProcessBuilder(binary, "--listen", "127.0.0.1:0", "--data-dir",
                dataDir.toString(), "--group-initial-rebalance-delay-ms", "0", "--log-level", "warn");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static String chippyAddress(Process broker) throws IOException, InterruptedException {
        BufferedReader output = new BufferedReader(new InputStreamReader(broker.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BROKER_START_TIMEOUT_S);
        String line;
        while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(System.err::println));
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
            System.err.println(line);
        }
        throw new IOException("chippy-broker did not say where it listens");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }
}
