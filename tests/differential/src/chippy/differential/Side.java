package chippy.differential;

import java.util.HashMap;
import java.util.Map;

/** One of the two brokers compared: its connection and what a client learnt from its answers. */
final class Side implements AutoCloseable {
    final String name;
    final WireConnection connection;
    /** The broker's own node id, as its Metadata tells it. */
    int nodeId = -1;
    /** Values a real client carries from one answer to the next request: member ids, producer ids. */
    private final Map<String, Object> learnt = new HashMap<>();

    Side(String name, String address) {
        this.name = name;
        this.connection = new WireConnection(address);
    }

    void learn(String key, Object value) {
        learnt.put(key, value);
    }

    @SuppressWarnings("unchecked")
    <T> T recall(String key, T otherwise) {
        return (T) learnt.getOrDefault(key, otherwise);
    }

    @Override
    public void close() {
        connection.close();
    }
}
