package chippy.differential;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/** Sends each request to both brokers, compares the answers and keeps the differences. */
final class Suite {
    /** Both brokers' answers to one request; null where a broker closed the connection instead. */
    record Answers(ApiMessage chippy, ApiMessage kafka) {
        ApiMessage of(Side side) {
            return side.name.equals("chippy") ? chippy : kafka;
        }

        boolean bothAnswered() {
            return chippy != null && kafka != null;
        }
    }

    final Side chippy;
    final Side kafka;
    final String runTag;
    final long startedAtMs = System.currentTimeMillis();
    final List<Difference> differences = new ArrayList<>();
    /** API name and version of every exchange compared, as "Name vN". */
    final Set<String> compared = new TreeSet<>();
    private String onlyNamed;
    private Consumer<JsonNode> tidy;

    Suite(Side chippy, Side kafka, String runTag) {
        this.chippy = chippy;
        this.kafka = kafka;
        this.runTag = runTag;
    }

    List<Side> sides() {
        return List.of(chippy, kafka);
    }

    /**
     * The next exchange keeps only list elements whose name contains this (the Kafka node is shared, and
     * other tests' or clients' topics and groups are not compared).
     */
    Suite onlyNamed(String tag) {
        onlyNamed = tag;
        return this;
    }

    /** The next exchange's normalized trees pass through this before they are compared. */
    Suite tidy(Consumer<JsonNode> action) {
        tidy = action;
        return this;
    }

    Answers exchange(String step, ApiKeys api, short version, ApiMessage request) {
        return exchange(step, api, version, side -> request);
    }

    Answers exchange(String step, ApiKeys api, short version, Function<Side, ApiMessage> request) {
        String filter = onlyNamed;
        Consumer<JsonNode> tidyUp = tidy;
        onlyNamed = null;
        tidy = null;
        compared.add(api.name + " v" + version);
        WireConnection.Reply chippyReply = send(chippy, api, version, request);
        WireConnection.Reply kafkaReply = send(kafka, api, version, request);
        JsonNode chippyTree = tree(chippy, chippyReply, version, filter, tidyUp);
        JsonNode kafkaTree = tree(kafka, kafkaReply, version, filter, tidyUp);
        JsonTrees.diff("", chippyTree, kafkaTree, (path, c, k) -> differences.add(
                new Difference(step, api.name, version, path.isEmpty() ? "/" : path, c, k)));
        return new Answers(chippyReply.body(), kafkaReply.body());
    }

    /**
     * Sends a request at a version no codec knows, with an empty body, and compares what comes back: an
     * ApiVersions answer decoded at v0 (KIP-511), otherwise whether the broker answered at all.
     */
    void exchangeUnknownVersion(String step, ApiKeys api, short version) {
        compared.add(api.name + " v" + version + " (unknown version)");
        short headerVersion = api == ApiKeys.API_VERSIONS ? (short) 2 : (short) 1;
        JsonNode chippyTree = unknownVersionTree(chippy, api, version, headerVersion);
        JsonNode kafkaTree = unknownVersionTree(kafka, api, version, headerVersion);
        JsonTrees.diff("", chippyTree, kafkaTree, (path, c, k) -> differences.add(
                new Difference(step, api.name, version, path.isEmpty() ? "/" : path, c, k)));
    }

    private JsonNode unknownVersionTree(Side side, ApiKeys api, short version, short headerVersion) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try {
            WireConnection.Answer answer = side.connection.exchange(api, version, headerVersion, new byte[0]);
            if (answer.failure() != null) {
                result.put("noResponse", answer.failure());
            } else if (api == ApiKeys.API_VERSIONS) {
                ApiVersionsResponseData data = new ApiVersionsResponseData();
                data.read(new ByteBufferAccessor(answer.body()), (short) 0);
                JsonNode tree = JsonTrees.normalize(toJson(data, (short) 0), side.nodeId, null);
                // Which versions each broker serves differs by design; the answer's shape is compared.
                tree.get("apiKeys").forEach(key -> ((ObjectNode) key).remove(List.of("minVersion", "maxVersion")));
                return tree;
            } else {
                result.put("answeredBytes", answer.body().remaining());
            }
        } catch (IOException | RuntimeException e) {
            side.connection.close();
            result.put("noResponse", "failed: " + e);
        }
        return result;
    }

    private static WireConnection.Reply send(Side side, ApiKeys api, short version,
            Function<Side, ApiMessage> request) {
        try {
            return side.connection.send(api, version, request.apply(side));
        } catch (IOException | RuntimeException e) {
            side.connection.close();
            return new WireConnection.Reply(null, "failed: " + e);
        }
    }

    private JsonNode tree(Side side, WireConnection.Reply reply, short version, String filter,
            Consumer<JsonNode> tidyUp) {
        if (reply.closed()) {
            ObjectNode failure = JsonNodeFactory.instance.objectNode();
            failure.put("noResponse", reply.failure());
            return failure;
        }
        JsonNode json = toJson(reply.body(), version);
        if (reply.body() instanceof FetchResponseData fetch) {
            Records.replaceFetchedRecords(fetch, json);
        }
        JsonNode normalized = JsonTrees.normalize(json, side.nodeId, filter);
        if (tidyUp != null) {
            tidyUp.accept(normalized);
        }
        return normalized;
    }

    /** The generated *JsonConverter of the message's class writes it at this version. */
    static JsonNode toJson(ApiMessage message, short version) {
        try {
            Class<?> converter = Class.forName(message.getClass().getName() + "JsonConverter");
            Method write = converter.getMethod("write", message.getClass(), short.class);
            return (JsonNode) write.invoke(null, message, version);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("no JSON converter for " + message.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + " v" + version
                    + " as JSON: " + e.getCause(), e.getCause());
        }
    }
}
