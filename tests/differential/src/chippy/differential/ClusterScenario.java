package chippy.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;

/** The connection handshake and the cluster-wide descriptions. */
final class ClusterScenario {
    private static final byte ACL_ANY = 1;
    private static final byte PATTERN_ANY = 1;
    private static final short UNKNOWN_VERSION = 99;

    private final Scenarios s;
    private final Suite suite;

    ClusterScenario(Scenarios scenarios) {
        s = scenarios;
        suite = scenarios.suite;
    }

    void run() {
        for (short v : s.profile.all(ApiKeys.API_VERSIONS)) {
            // The API lists are compared as sets below; the rest of the answer field by field.
            String step = s.step("api versions");
            Suite.Answers answers = suite.tidy(tree -> ((ObjectNode) tree).remove("apiKeys")).exchange(step,
                    ApiKeys.API_VERSIONS, v, new ApiVersionsRequestData()
                            .setClientSoftwareName("chippy-differential").setClientSoftwareVersion("1.0"));
            if (answers.bothAnswered()) {
                compareApiLists(step, v, (ApiVersionsResponseData) answers.chippy(),
                        (ApiVersionsResponseData) answers.kafka());
            }
        }
        if (s.uses(ApiKeys.DESCRIBE_CLUSTER)) {
            for (short v : s.profile.all(ApiKeys.DESCRIBE_CLUSTER)) {
                suite.exchange(s.step("describe cluster"), ApiKeys.DESCRIBE_CLUSTER, v,
                        new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(false));
            }
        }
        if (s.uses(ApiKeys.DESCRIBE_ACLS)) {
            for (short v : s.profile.all(ApiKeys.DESCRIBE_ACLS)) {
                suite.exchange(s.step("describe acls (no authorizer)"), ApiKeys.DESCRIBE_ACLS, v,
                        new DescribeAclsRequestData().setResourceTypeFilter(ACL_ANY).setPatternTypeFilter(PATTERN_ANY)
                                .setOperation(ACL_ANY).setPermissionType(ACL_ANY));
            }
        }
        if (s.uses(ApiKeys.LIST_PARTITION_REASSIGNMENTS)) {
            suite.exchange(s.step("list partition reassignments"), ApiKeys.LIST_PARTITION_REASSIGNMENTS,
                    s.v(ApiKeys.LIST_PARTITION_REASSIGNMENTS),
                    new ListPartitionReassignmentsRequestData().setTimeoutMs(5000).setTopics(null));
        }
        if (s.uses(ApiKeys.SASL_HANDSHAKE)) {
            suite.exchange(s.step("sasl handshake on a plaintext listener"), ApiKeys.SASL_HANDSHAKE,
                    s.v(ApiKeys.SASL_HANDSHAKE), new SaslHandshakeRequestData().setMechanism("PLAIN"));
        }
        if (s.uses(ApiKeys.SASL_AUTHENTICATE)) {
            suite.exchange(s.step("sasl authenticate on a plaintext listener"), ApiKeys.SASL_AUTHENTICATE,
                    s.v(ApiKeys.SASL_AUTHENTICATE),
                    new SaslAuthenticateRequestData().setAuthBytes("\0user\0secret".getBytes()));
        }
    }

    /**
     * The APIs each broker serves: those only Kafka serves are one difference, at
     * /apiKeys/served-by-kafka-only; an API only chippy serves, or a version chippy serves above Kafka's
     * newest, is a difference of its own.
     */
    private void compareApiLists(String step, short v, ApiVersionsResponseData chippy,
            ApiVersionsResponseData kafka) {
        Map<String, Short> chippyMax = new TreeMap<>();
        chippy.apiKeys().forEach(api -> chippyMax.put(apiName(api.apiKey()), api.maxVersion()));
        Map<String, Short> kafkaMax = new TreeMap<>();
        kafka.apiKeys().forEach(api -> kafkaMax.put(apiName(api.apiKey()), api.maxVersion()));
        List<String> kafkaOnly = new ArrayList<>(kafkaMax.keySet());
        kafkaOnly.removeAll(chippyMax.keySet());
        suite.differences.add(new Difference(step, ApiKeys.API_VERSIONS.name, v, "/apiKeys/served-by-kafka-only",
                "[]", kafkaOnly.toString()));
        chippyMax.forEach((name, max) -> {
            Short theirs = kafkaMax.get(name);
            if (theirs == null) {
                suite.differences.add(new Difference(step, ApiKeys.API_VERSIONS.name, v,
                        "/apiKeys/served-by-chippy-only", name, "(absent)"));
            } else if (max > theirs) {
                suite.differences.add(new Difference(step, ApiKeys.API_VERSIONS.name, v,
                        "/apiKeys/" + name + "/maxVersion", max.toString(), theirs.toString()));
            }
        });
    }

    private static String apiName(short key) {
        return ApiKeys.hasId(key) ? ApiKeys.forId(key).name : "key " + key;
    }

    /** Requests at a version that neither broker serves: ApiVersions says so, others close the connection. */
    static void unknownVersions(Suite suite) {
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.API_VERSIONS, UNKNOWN_VERSION);
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.METADATA, UNKNOWN_VERSION);
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.FETCH, UNKNOWN_VERSION);
    }
}
