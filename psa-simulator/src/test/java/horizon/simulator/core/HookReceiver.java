package horizon.simulator.core;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * A webhook or callback receiver on loopback for every simulator's tests: records every request (path, query,
 * headers, body) and answers with a scripted status.
 */
public final class HookReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(Instant at, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header, matched ignoring case; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** Autotask's X-Hook-Signature. */
        public String signature() {
            return header("X-Hook-Signature");
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile IntToLongFunction holdMillis = n -> 0;

    public HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "hook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(Instant.now(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            int count = received.size();
            long hold = holdMillis.applyAsLong(count);
            if (hold > 0) {
                try {
                    Thread.sleep(hold);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.applyAsInt(count), -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers with the status computed from the running count of requests received (1 for the first). */
    public HookReceiver answering(IntUnaryOperator byRequestNumber) {
        this.status = byRequestNumber;
        return this;
    }

    /** Waits before answering, as long as computed from the running count of requests received. */
    public HookReceiver holding(IntToLongFunction millisByRequestNumber) {
        this.holdMillis = millisByRequestNumber;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
