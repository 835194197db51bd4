import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node for the tests: single-node discovery on loopback, HTTP through Netty 4
 * loaded as a classpath plugin, disk watermarks off. Runs until the process is killed.
 *
 * Usage: OpenSearchNode HOME HTTP_PORT TRANSPORT_PORT
 */
public final class OpenSearchNode extends Node {
    private OpenSearchNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(
                  settings, Map.of(), null, () -> settings.get("node.name")),
            List.of(Netty4Plugin.class), true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: OpenSearchNode HOME HTTP_PORT TRANSPORT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Settings settings = Settings.builder()
                                .put("node.name", "chippy-test")
                                .put("cluster.name", "chippy-test")
                                .put("path.home", home.toString())
                                .put("path.data", home.resolve("data").toString())
                                .put("path.logs", home.resolve("logs").toString())
                                .put("discovery.type", "single-node")
                                .put("network.host", "127.0.0.1")
                                .put("http.port", args[1])
                                .put("transport.port", args[2])
                                .put("http.type", "netty4")
                                .put("transport.type", "netty4")
                                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                                .put("action.auto_create_index", true)
                                .build();
        Node node = new OpenSearchNode(settings);
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        new CountDownLatch(1).await();
    }
}
