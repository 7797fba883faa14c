package horizon.simulator.autotask.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/** A webhook receiver on loopback that records every request and answers with a scripted status. */
final class CalloutReceiver implements AutoCloseable {

    /** One received request. */
    record Received(Instant at, String path, String signature, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile IntToLongFunction holdMillis = n -> 0;

    CalloutReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "callout-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(Instant.now(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Hook-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
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
    CalloutReceiver answering(IntUnaryOperator byRequestNumber) {
        this.status = byRequestNumber;
        return this;
    }

    /** Waits before answering, as long as computed from the running count of requests received. */
    CalloutReceiver holding(IntToLongFunction millisByRequestNumber) {
        this.holdMillis = millisByRequestNumber;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
