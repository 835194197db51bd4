package chippy.differential;

import java.io.IOException;
import java.util.Map;

import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Versions chippy-broker serves below Apache Kafka's minimum (Kafka 4 removed the versions older than
 * Kafka 2.1's, KIP-896): Kafka must refuse them as its ApiVersions says. Each such API is one difference,
 * at path /refused-by-kafka; an old version Kafka does answer is a difference at /answered-by-kafka.
 */
final class OldVersions {
    private OldVersions() {
    }

    /** Returns how many API versions only chippy serves. */
    static int check(Suite suite, Map<ApiKeys, short[]> chippyRanges, Map<ApiKeys, short[]> kafkaRanges)
            throws IOException {
        int count = 0;
        for (Map.Entry<ApiKeys, short[]> served : chippyRanges.entrySet()) {
            ApiKeys api = served.getKey();
            short[] theirs = kafkaRanges.get(api);
            if (theirs == null || api == ApiKeys.API_VERSIONS) {
                continue;
            }
            short lowest = served.getValue()[0];
            // Kafka still advertises Produce from v0 (librdkafka checks it before compressing) but refuses
            // what its codec no longer reads.
            short kafkaLowest = (short) Math.max(theirs[0], api.messageType.lowestSupportedVersion());
            for (short v = lowest; v < kafkaLowest; ++v) {
                ++count;
                // The body does not matter: Kafka refuses the version from the request header.
                WireConnection.Answer answer = suite.kafka.connection.exchange(api, v, (short) 1, new byte[0]);
                boolean refused = answer.failure() != null || answeredUnsupportedVersion(answer);
                suite.compared.add(api.name + " v" + v + " (refusal only)");
                suite.differences.add(new Difference("old versions", api.name, v,
                        refused ? "/refused-by-kafka" : "/answered-by-kafka", "served",
                        refused ? "refused" : "answered"));
            }
        }
        return count;
    }

    private static boolean answeredUnsupportedVersion(WireConnection.Answer answer) {
        final short unsupportedVersion = 35;
        // Error responses to a version the broker cannot parse carry only an error code where they can.
        return answer.body().remaining() >= 2 && answer.body().getShort(answer.body().position())
                == unsupportedVersion;
    }
}
