package horizon.simulator.core.control;

import horizon.simulator.core.SimClock;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.fault.FaultRule;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control routes every simulator shares: API faults ({@code faults}), aimed rules ({@code fault-rules}), the
 * request log ({@code requests}) and delivery faults ({@code webhook-faults}). Each simulator's control API hands
 * them the first path segment and the body.
 */
public final class FaultControl {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final SimClock clock;
    private final RequestFaults faults;
    private final DeliveryFaults delivery;
    private final RequestLog log;

    public FaultControl(SimClock clock, RequestFaults faults, DeliveryFaults delivery, RequestLog log) {
        this.clock = clock;
        this.faults = faults;
        this.delivery = delivery;
        this.log = log;
    }

    public RequestFaults requestFaults() {
        return faults;
    }

    public DeliveryFaults deliveryFaults() {
        return delivery;
    }

    public RequestLog requestLog() {
        return log;
    }

    /** Routes listed by the control index. */
    public static final String ROUTES = "GET|POST|DELETE faults, GET|POST|DELETE fault-rules, GET requests?since=N, "
            + "GET|POST|DELETE webhook-faults";

    /**
     * Answers a shared route, or empty when {@code route} is not one of them. {@code faults} takes only the shared
     * keys here; a simulator adds its own (budget, thread limit) around it.
     */
    public Optional<JsonNode> handle(String method, String route, JsonNode body, Map<String, String> query) {
        JsonNode answer = switch (method + " " + route) {
            case "GET faults" -> faults();
            case "POST faults" -> {
                applyFaults(body);
                yield faults();
            }
            case "DELETE faults" -> {
                faults.clear();
                yield faults();
            }
            case "GET fault-rules" -> rules();
            case "POST fault-rules" -> {
                if (body.has("rules")) {
                    body.get("rules").forEach(rule -> faults.add(FaultRule.fromJson(rule)));
                } else {
                    faults.add(FaultRule.fromJson(body));
                }
                yield rules();
            }
            case "GET requests" -> requests(Long.parseLong(query.getOrDefault("since", "0")));
            case "GET webhook-faults" -> deliveryFaultsJson();
            case "POST webhook-faults" -> {
                applyDeliveryFaults(body);
                yield deliveryFaultsJson();
            }
            case "DELETE webhook-faults" -> {
                delivery.reset();
                yield deliveryFaultsJson();
            }
            default -> null;
        };
        return Optional.ofNullable(answer);
    }

    /**
     * Applies {@code {apiDown, downForMs, latencyMs, errorStatus, errorRate, burst429, storm429Ms}}; keys left out
     * stay as they are.
     */
    public void applyFaults(JsonNode body) {
        Instant now = clock.now();
        if (body.has("apiDown")) {
            faults.setApiDown(body.get("apiDown").asBoolean());
        }
        if (body.has("downForMs")) {
            faults.downFor(now, Duration.ofMillis(body.get("downForMs").asLong()));
        }
        if (body.has("latencyMs")) {
            faults.setLatency(Duration.ofMillis(body.get("latencyMs").asLong()));
        }
        if (body.has("errorRate")) {
            faults.setErrorRate(body.path("errorStatus").asInt(500), body.get("errorRate").asDouble());
        }
        if (body.has("burst429")) {
            faults.burst429(body.get("burst429").asInt());
        }
        if (body.has("storm429Ms")) {
            faults.storm429(now, Duration.ofMillis(body.get("storm429Ms").asLong()));
        }
    }

    public ObjectNode faults() {
        Instant now = clock.now();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiDown", faults.apiDown());
        node.put("downForMs", Math.max(0, Duration.between(now, maxOf(now, faults.downUntil())).toMillis()));
        node.put("latencyMs", faults.latency().toMillis());
        node.put("errorStatus", faults.errorStatus());
        node.put("errorRate", faults.errorRate());
        node.put("pending429", faults.pending429());
        node.put("storm429Ms", Math.max(0, Duration.between(now, maxOf(now, faults.stormUntil())).toMillis()));
        node.set("rules", rules().get("rules"));
        return node;
    }

    private ObjectNode rules() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode list = node.putArray("rules");
        faults.rules().forEach(rule -> list.add(rule.toJson()));
        return node;
    }

    private ObjectNode requests(long since) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("last", log.lastSequence());
        node.set("requests", MAPPER.valueToTree(log.since(since)));
        return node;
    }

    private void applyDeliveryFaults(JsonNode body) {
        if (body.has("dropRate")) {
            delivery.dropRate(body.get("dropRate").asDouble());
        }
        if (body.has("duplicateRate")) {
            delivery.duplicateRate(body.get("duplicateRate").asDouble());
        }
        if (body.has("lateDuplicateRate")) {
            delivery.lateDuplicate(body.get("lateDuplicateRate").asDouble(),
                    Duration.ofMillis(body.path("lateDuplicateAfterMs").asLong(delivery.lateDuplicateAfter().toMillis())));
        }
        if (body.has("reorderRate")) {
            delivery.reorderRate(body.get("reorderRate").asDouble());
        }
        if (body.has("redeliverRate")) {
            delivery.redeliverRate(body.get("redeliverRate").asDouble());
        }
        if (body.has("delayMs")) {
            delivery.delay(Duration.ofMillis(body.get("delayMs").asLong()));
        }
        if (body.has("failNext")) {
            delivery.failNext(body.get("failNext").asInt());
        }
    }

    public ObjectNode deliveryFaultsJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("dropRate", delivery.dropRate());
        node.put("duplicateRate", delivery.duplicateRate());
        node.put("lateDuplicateRate", delivery.lateDuplicateRate());
        node.put("lateDuplicateAfterMs", delivery.lateDuplicateAfter().toMillis());
        node.put("reorderRate", delivery.reorderRate());
        node.put("redeliverRate", delivery.redeliverRate());
        node.put("delayMs", delivery.delay().toMillis());
        node.put("failNext", delivery.pendingFailures());
        return node;
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
