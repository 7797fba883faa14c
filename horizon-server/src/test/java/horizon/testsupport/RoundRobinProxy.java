package horizon.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A load balancer for tests: every request goes to the next node in turn (method, path, headers and body as they came),
 * and the answer comes back as the node gave it. A node that does not answer is skipped, as a balancer's health check
 * would. Counts what each node received.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");
    private final HttpServer server;
    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLongArray received = new AtomicLongArray(8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RoundRobinProxy(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port with no node yet; {@link #nodes(List)} sets them. */
    public static RoundRobinProxy start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            RoundRobinProxy proxy = new RoundRobinProxy(server);
            server.createContext("/", proxy::forward);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread thread = new Thread(r, "round-robin");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The nodes' base URLs, in turn order (at most 8). */
    public void nodes(List<String> bases) {
        nodes.clear();
        nodes.addAll(bases);
    }

    /** Requests the node at this index answered since the proxy started. */
    public long received(int node) {
        return received.get(node);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int count = nodes.size();
            String lastFailure = "no node";
            long first = next.getAndIncrement();
            for (int tried = 0; tried < count; tried++) {
                int node = (int) Math.floorMod(first + tried, (long) count);
                try {
                    HttpResponse<byte[]> answer = http.send(request(exchange, nodes.get(node), body),
                            HttpResponse.BodyHandlers.ofByteArray());
                    received.incrementAndGet(node);
                    answer.headers().map().forEach((name, values) -> {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                            values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                        }
                    });
                    byte[] out = answer.body();
                    exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                    if (out.length > 0) {
                        try (OutputStream os = exchange.getResponseBody()) {
                            os.write(out);
                        }
                    }
                    return;
                } catch (IOException | RuntimeException down) {
                    // the node does not answer: the next one gets the request
                    lastFailure = nodes.get(node) + ": " + down;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            byte[] reason = lastFailure.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, reason.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(reason);
            }
        }
    }

    private static HttpRequest request(HttpExchange exchange, String base, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
