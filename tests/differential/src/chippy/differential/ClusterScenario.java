package chippy.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.message.ApiVersionsRequestData;
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
            // The API ranges differ by design (chippy serves a subset); the rest of the answer is compared.
            suite.tidy(tree -> ((ObjectNode) tree).remove("apiKeys")).exchange(s.step("api versions"),
                    ApiKeys.API_VERSIONS, v, new ApiVersionsRequestData()
                            .setClientSoftwareName("chippy-differential").setClientSoftwareVersion("1.0"));
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

    /** Requests at a version that neither broker serves: ApiVersions says so, others close the connection. */
    static void unknownVersions(Suite suite) {
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.API_VERSIONS, UNKNOWN_VERSION);
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.METADATA, UNKNOWN_VERSION);
        suite.exchangeUnknownVersion("unsupported version", ApiKeys.FETCH, UNKNOWN_VERSION);
    }
}
