package horizon.simulator.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import horizon.simulator.core.DaemonThreads;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.fault.FaultRule;
import horizon.simulator.core.fault.RequestFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP serving every simulator shares: JDK HTTP servers on one or more ports with one thread pool, the control
 * API under {@code /_sim/}, the PSA's answer written as is or through an aimed fault (dropped, stalled, cut
 * mid-body), and every request counted and logged.
 */
public final class SimHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimHttpServer.class.getName());
    /** The methods that can change a PSA's data. */
    public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A simulated PSA's side of one port: answers a request, which may carry an aimed fault. */
    @FunctionalInterface
    public interface Psa {
        Reply serve(Incoming request);
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final ExecutorService executor;
    private final SimClock clock;
    static {
        // The JDK server writes a response's headers and body apart; with Nagle on, the body waits for the client's
        // delayed ACK (about 40 ms) and a small answer takes 40 ms instead of one. Real PSAs answer at once. Read when
        // the JDK's server configuration loads, so it is set before the first server of the process is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final RequestCounters counters = new RequestCounters();
    private final RequestLog log = new RequestLog();

    private SimHttpServer(String threadName, SimClock clock) {
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named(threadName));
        this.clock = clock;
    }

    /** Binds {@code count} ports (basePort, basePort + 1, ... or free ports when basePort is 0); not yet serving. */
    public static SimHttpServer bind(String bindAddress, int basePort, int count, String threadName, SimClock clock) {
        SimHttpServer server = new SimHttpServer(threadName, clock);
        try {
            for (int i = 0; i < count; i++) {
                HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, basePort == 0 ? 0 : basePort + i), 256);
                http.setExecutor(server.executor);
                server.servers.add(http);
                server.ports.add(http.getAddress().getPort());
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot bind the simulator's ports", e);
        }
        return server;
    }

    /** The host name URLs carry: a wildcard bind address is reached through loopback. */
    public static String advertisedHost(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public RequestCounters counters() {
        return counters;
    }

    public RequestLog log() {
        return log;
    }

    /** Starts serving: port {@code i} answers through {@code psas.apply(i)}, and every port serves the control API. */
    public void start(IntFunction<Psa> psas, HttpHandler control) {
        for (int i = 0; i < servers.size(); i++) {
            Psa psa = psas.apply(i);
            servers.get(i).createContext("/", exchange -> handle(exchange, psa, control));
            servers.get(i).start();
        }
    }

    /**
     * Runs a handler with the aimed faults of its route: a 5xx before the handler, or the handler's answer marked
     * committed (a write that answered 2xx) and carrying the fault to apply when it is sent.
     *
     * @param write      whether the request changes the PSA's data (the PSA says: a POST that queries, such as
     *                   Autotask's {@code query} or ConnectWise's {@code search}, is not a write)
     * @param errorReply the PSA's own error answer for a status (its 500 or 503 body)
     */
    public static Reply withAimedFaults(RequestFaults faults, String method, String route, boolean write,
                                        Supplier<Reply> handler, IntFunction<Reply> errorReply) {
        Optional<FaultRule> aimed = faults.aimedAt(method, route);
        if (aimed.isPresent() && aimed.get().kind() == FaultRule.Kind.EMPTY_SUCCESS) {
            String endpoint = errorReply.apply(500).endpoint();
            return Reply.text(endpoint, 200, Reply.JSON, "{}").withFault(aimed.get());
        }
        if (aimed.isPresent() && !aimed.get().kind().runsHandler()) {
            return errorReply.apply(aimed.get().status()).withFault(aimed.get());
        }
        Reply reply = handler.get();
        boolean committed = write && reply.status() / 100 == 2;
        reply = reply.withCommitted(committed);
        if (aimed.isEmpty()) {
            return reply;
        }
        FaultRule rule = aimed.get();
        if (rule.kind() == FaultRule.Kind.CORRUPT_FIRST_RECORD) {
            return reply.withFirstRecordCorrupted().withFault(rule);
        }
        if (rule.kind() == FaultRule.Kind.COMMIT_THEN_ERROR) {
            return errorReply.apply(rule.status()).withEndpoint(reply.endpoint()).withCommitted(committed).withFault(rule);
        }
        return reply.withFault(rule);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, Psa psa, HttpHandler control) {
        String method = exchange.getRequestMethod();
        String target = exchange.getRequestURI().toString();
        try {
            if (exchange.getRequestURI().getRawPath().startsWith("/_sim")) {
                try (exchange) {
                    control.handle(exchange);
                }
                return;
            }
            counters.enter();
            try {
                Reply reply = psa.serve(new Incoming(exchange));
                // Counted and logged before the answer goes out: a client that reads the counters the moment it has
                // its answer sees that answer counted.
                String outcome = outcomeOf(reply);
                int status = outcome.equals("answered") ? reply.status() : 0;
                counters.record(reply.endpoint(), status);
                log.add(clock.now(), method, target, reply.endpoint(), status, outcome, reply.committed(),
                        reply.fault() == null ? "" : reply.fault().kind().name());
                send(exchange, reply);
            } finally {
                counters.leave();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + method + " " + target, e);
            exchange.close();
        }
    }

    /** What its fault makes of the reply, for the counters and the log: answered, stalled, dropped or cut off. */
    private static String outcomeOf(Reply reply) {
        FaultRule.Kind kind = reply.fault() == null ? null : reply.fault().kind();
        if (stallsBeforeHeaders(reply)) {
            return "stalled";
        }
        if (kind == FaultRule.Kind.COMMIT_THEN_DROP) {
            return "dropped";
        }
        return kind == FaultRule.Kind.STALL_MID_BODY ? "stalled-mid-body" : "answered";
    }

    /** An empty body cannot be cut in half: it stalls before the headers instead. */
    private static boolean stallsBeforeHeaders(Reply reply) {
        FaultRule.Kind kind = reply.fault() == null ? null : reply.fault().kind();
        return kind == FaultRule.Kind.COMMIT_THEN_STALL
                || kind == FaultRule.Kind.STALL_MID_BODY && reply.body().length == 0;
    }

    /** Writes the reply, or what its fault makes of it. */
    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        FaultRule fault = reply.fault();
        FaultRule.Kind kind = fault == null ? null : fault.kind();
        boolean stallBeforeHeaders = stallsBeforeHeaders(reply);
        if (kind == FaultRule.Kind.COMMIT_THEN_DROP || stallBeforeHeaders) {
            if (stallBeforeHeaders) {
                pause(fault);
            }
            exchange.close(); // no headers sent: the JDK server closes the connection
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        if (kind == FaultRule.Kind.STALL_MID_BODY && body.length > 0) {
            out.write(body, 0, body.length / 2);
            out.flush();
            pause(fault);
            exchange.close(); // fewer bytes than announced: the connection is closed
            return;
        }
        out.write(body);
        exchange.close();
    }

    private static void pause(FaultRule fault) {
        try {
            Thread.sleep(fault.stall().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
