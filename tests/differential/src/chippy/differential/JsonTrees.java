package chippy.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Puts a decoded response in a form where two brokers' answers can be compared, and compares them. */
final class JsonTrees {
    /** Fields that differ between any two brokers: throttling, addresses, ids they make up, free text. */
    private static final Set<String> BLANKED = Set.of("throttleTimeMs", "clusterId", "host", "port",
            "errorMessage", "memberId", "leader", "producerId", "sessionId");
    /** Fields that hold broker ids: the answering broker's own id is shown as <self>. */
    private static final Set<String> NODE_IDS = Set.of("nodeId", "leaderId", "controllerId", "brokerId",
            "replicaNodes", "isrNodes", "offlineReplicas", "replicas", "addingReplicas", "removingReplicas",
            "eligibleLeaderReplicas", "lastKnownElr");
    private static final Set<String> UUIDS = Set.of("topicId");
    private static final String ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";
    /** Fields that name an element of a list: lists are compared in this order, not in the broker's. */
    private static final List<String> IDENTITY = List.of("name", "topic", "topicName", "groupId", "resourceName",
            "partitionIndex", "partition", "index", "apiKey", "configName", "logDir", "key");
    private static final int SHOWN_CHARS = 160;

    private JsonTrees() {
    }

    /**
     * Blanks what may differ and orders lists by their elements' names. With a name filter, list elements
     * whose name does not contain it are dropped.
     */
    static JsonNode normalize(JsonNode node, int selfNodeId, String nameFilter) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> remove = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (BLANKED.contains(key)) {
                    remove.add(key);
                } else if (NODE_IDS.contains(key)) {
                    field.setValue(nodeIds(value, selfNodeId));
                } else if (UUIDS.contains(key) && value.isTextual() && !value.asText().equals(ZERO_UUID)) {
                    field.setValue(TextNode.valueOf("<uuid>"));
                } else {
                    field.setValue(normalize(value, selfNodeId, nameFilter));
                }
            }
            object.remove(remove);
            return object;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            for (JsonNode element : node) {
                if (nameFilter != null && !named(element, nameFilter)) {
                    continue;
                }
                elements.add(normalize(element, selfNodeId, nameFilter));
            }
            elements.sort(JsonTrees::byIdentity);
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            sorted.addAll(elements);
            return sorted;
        }
        return node;
    }

    private static JsonNode nodeIds(JsonNode value, int selfNodeId) {
        if (value.isInt() && value.asInt() == selfNodeId) {
            return TextNode.valueOf("<self>");
        }
        if (value.isArray()) {
            ArrayNode mapped = JsonNodeFactory.instance.arrayNode();
            for (JsonNode id : value) {
                mapped.add(nodeIds(id, selfNodeId));
            }
            return mapped;
        }
        return value;
    }

    private static boolean named(JsonNode element, String nameFilter) {
        if (!element.isObject()) {
            return true;
        }
        for (String key : List.of("name", "topic", "topicName", "groupId")) {
            JsonNode name = element.get(key);
            if (name != null && name.isTextual()) {
                return name.asText().contains(nameFilter);
            }
        }
        return true;
    }

    private static int byIdentity(JsonNode a, JsonNode b) {
        for (String key : IDENTITY) {
            JsonNode x = a.get(key);
            JsonNode y = b.get(key);
            if (x != null && y != null) {
                int order = x.isNumber() && y.isNumber() ? Long.compare(x.asLong(), y.asLong())
                        : x.asText().compareTo(y.asText());
                if (order != 0) {
                    return order;
                }
            }
        }
        return 0;
    }

    /** Calls found(path, chippyValue, kafkaValue) for each leaf where the trees differ. */
    static void diff(String path, JsonNode chippy, JsonNode kafka, DiffSink found) {
        if (chippy == null || kafka == null) {
            found.accept(path, show(chippy), show(kafka));
        } else if (chippy.isObject() && kafka.isObject()) {
            List<String> keys = new ArrayList<>();
            chippy.fieldNames().forEachRemaining(keys::add);
            kafka.fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            });
            for (String key : keys) {
                diff(path + "/" + key, chippy.get(key), kafka.get(key), found);
            }
        } else if (chippy.isArray() && kafka.isArray()) {
            if (chippy.size() != kafka.size()) {
                found.accept(path + "/length", Integer.toString(chippy.size()), Integer.toString(kafka.size()));
            }
            for (int i = 0; i < Math.min(chippy.size(), kafka.size()); ++i) {
                diff(path + "/" + i, chippy.get(i), kafka.get(i), found);
            }
        } else if (!chippy.equals(kafka)) {
            found.accept(path, show(chippy), show(kafka));
        }
    }

    interface DiffSink {
        void accept(String path, String chippy, String kafka);
    }

    static String show(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
    }
}
