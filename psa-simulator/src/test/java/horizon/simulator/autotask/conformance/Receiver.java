package horizon.simulator.autotask.conformance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint on loopback that keeps every callout it receives. Paths under {@code /fail} answer 500 so that
 * deliveries end in WebhookEventErrorLogs; everything else answers 200.
 */
final class Receiver implements AutoCloseable {

    /** One callout as received: path, headers and the exact body bytes. */
    record Callout(String path, Map<String, List<String>> headers, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "conformance-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Callout> callouts = new CopyOnWriteArrayList<>();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            callouts.add(new Callout(path, Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    /** An absolute URL on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Callout> received(String path) {
        return callouts.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
