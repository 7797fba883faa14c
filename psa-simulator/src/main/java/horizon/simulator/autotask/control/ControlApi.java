package horizon.simulator.autotask.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.store.RuleViolation;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.http.Incoming;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /_sim/}: the HTTP face of {@link SimulatorControl} for demos, benchmarks and
 * out-of-process tests. No authentication: it listens where the simulator listens (loopback by default).
 */
public final class ControlApi implements HttpHandler {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final SimulatorControl control;
    private final AutotaskSimulator simulator;
    private final FaultControl shared;

    public ControlApi(SimulatorControl control, AutotaskSimulator simulator, FaultControl shared) {
        this.control = control;
        this.simulator = simulator;
        this.shared = shared;
    }

    /** Outcome of a control call. */
    private record Result(int status, JsonNode body) {
        static Result ok(JsonNode body) {
            return new Result(200, body);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Result result;
        try {
            result = route(exchange);
        } catch (RuleViolation | IllegalArgumentException | JacksonException | ClassCastException e) {
            result = error(400, e.getMessage());
        } catch (UnsupportedOperationException e) {
            result = error(501, e.getMessage());
        }
        byte[] bytes = MAPPER.writeValueAsBytes(result.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(result.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Result error(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", message == null ? "error" : message);
        return new Result(status, body);
    }

    private Result route(HttpExchange exchange) throws IOException {
        List<String> path = new ArrayList<>();
        for (String s : exchange.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                path.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        path.remove(0); // _sim
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(raw);
        SimulatorControl as = actor(exchange.getRequestURI().getRawQuery());
        String first = path.isEmpty() ? "" : path.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("records")) {
            return records(method, path, body, as);
        }
        if (!first.equals("faults")) {
            Optional<JsonNode> answered = shared.handle(method, first, body, query(exchange.getRequestURI().getRawQuery()));
            if (answered.isPresent()) {
                return Result.ok(answered.get());
            }
        }
        String key = method + " " + first + (path.size() > 2 ? " /" + path.get(2).toLowerCase(Locale.ROOT) : path.size() == 2 ? " id" : "");
        return switch (key) {
            case "GET " -> Result.ok(index());
            case "GET state" -> Result.ok(control.dump());
            case "GET counters" -> Result.ok(MAPPER.valueToTree(control.counters()));
            case "GET faults" -> Result.ok(control.faults());
            case "POST faults" -> Result.ok(setFaults(body));
            case "DELETE faults" -> {
                control.clearFaults();
                yield Result.ok(control.faults());
            }
            case "GET webhooks" -> Result.ok(control.webhooks());
            case "GET webhook-variants" -> Result.ok(variants());
            case "POST webhook-variants" -> {
                var variants = control.webhookVariants();
                if (body.has("personIdKey")) {
                    variants.personIdKey(body.get("personIdKey").asString());
                }
                if (body.has("camelCaseFieldKeys")) {
                    variants.camelCaseFieldKeys(body.get("camelCaseFieldKeys").asBoolean());
                }
                if (body.has("deleteWithoutFields")) {
                    variants.deleteWithoutFields(body.get("deleteWithoutFields").asBoolean());
                }
                if (body.has("deactivationOnWebhookUrl")) {
                    variants.deactivationOnWebhookUrl(body.get("deactivationOnWebhookUrl").asBoolean());
                }
                yield Result.ok(variants());
            }
            case "DELETE webhook-variants" -> {
                control.webhookVariants().reset();
                yield Result.ok(variants());
            }
            case "POST tickets" -> created(as.createTicket(fields(body)));
            case "PATCH tickets id" -> {
                as.updateTicket(id(path, 1), fields(body));
                yield record("Tickets", id(path, 1));
            }
            case "DELETE tickets id" -> {
                as.deleteTicket(id(path, 1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", id(path, 1)));
            }
            case "POST tickets /notes" -> created(as.addNote(id(path, 1), fields(body)));
            case "POST tickets /time-entries" -> created(as.addTimeEntry(id(path, 1), body.get("resourceId").asLong(),
                    body.path("hours").asDouble(1.0), body.path("summaryNotes").asString("Worked on the issue")));
            case "POST tickets /assign" -> {
                as.reassign(id(path, 1), body.get("resourceId").asLong());
                yield record("Tickets", id(path, 1));
            }
            case "POST tickets /status" -> {
                as.changeStatus(id(path, 1), body.get("status").asLong());
                yield record("Tickets", id(path, 1));
            }
            case "DELETE notes id" -> {
                as.deleteNote(id(path, 1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", id(path, 1)));
            }
            case "DELETE time-entries id" -> {
                as.deleteTimeEntry(id(path, 1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", id(path, 1)));
            }
            case "GET activity" -> Result.ok(activity());
            case "POST activity" -> {
                control.startActivity(body.path("perMinute").asDouble(60));
                yield Result.ok(activity());
            }
            case "DELETE activity" -> {
                control.stopActivity();
                yield Result.ok(activity());
            }
            case "POST api-users" -> Result.ok(MAPPER.valueToTree(simulator.addApiUser(body.get("userName").asString(),
                    SecurityLevel.valueOf(body.path("level").asString("API_WEBHOOK")))));
            default -> error(404, "no control route " + method + " /_sim/" + String.join("/", path));
        };
    }

    private Result records(String method, List<String> path, JsonNode body, SimulatorControl as) {
        if (path.size() == 2 && method.equals("POST")) {
            return created(as.create(path.get(1), fields(body)));
        }
        if (path.size() == 3 && method.equals("GET")) {
            return record(path.get(1), id(path, 2));
        }
        if (path.size() == 3 && method.equals("PATCH")) {
            as.update(path.get(1), id(path, 2), fields(body));
            return record(path.get(1), id(path, 2));
        }
        return error(404, "no control route " + method + " /_sim/" + String.join("/", path));
    }

    private SimulatorControl actor(String rawQuery) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("as=")) {
                    return control.as(Long.parseLong(pair.substring(3)));
                }
            }
        }
        return control;
    }

    private static long id(List<String> path, int index) {
        if (path.size() <= index) {
            throw new IllegalArgumentException("an id is missing in the path");
        }
        return Long.parseLong(path.get(index));
    }

    private static Map<String, Object> fields(JsonNode body) {
        return MAPPER.convertValue(body, MAP);
    }

    private static Result created(long id) {
        return Result.ok(JsonNodeFactory.instance.objectNode().put("id", id));
    }

    private Result record(String entity, long id) {
        return control.get(entity, id).<Result>map(Result::ok).orElseGet(() -> error(404, entity + " " + id + " not found"));
    }

    private ObjectNode setFaults(JsonNode body) {
        shared.applyFaults(body);
        if (body.has("hourlyBudget")) {
            control.setHourlyBudget(body.get("hourlyBudget").asInt());
        }
        if (body.has("threadLimit")) {
            control.setThreadLimit(body.get("threadLimit").asInt());
        }
        return control.faults();
    }

    private static Map<String, String> query(String raw) {
        return Incoming.parseQuery(raw);
    }

    private ObjectNode variants() {
        var variants = control.webhookVariants();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("personIdKey", variants.personIdKey());
        node.put("camelCaseFieldKeys", variants.camelCaseFieldKeys());
        node.put("deleteWithoutFields", variants.deleteWithoutFields());
        node.put("deactivationOnWebhookUrl", variants.deactivationOnWebhookUrl());
        return node;
    }

    private ObjectNode activity() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("perMinute", control.activityRate());
        node.put("actions", control.activityActions());
        return node;
    }

    private ObjectNode index() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("zones", MAPPER.valueToTree(simulator.zones()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("userName", simulator.apiUser().userName());
        user.put("integrationCode", simulator.apiUser().integrationCode());
        user.put("resourceId", simulator.apiUser().resourceId());
        node.set("apiUser", MAPPER.valueToTree(user));
        node.set("routes", MAPPER.valueToTree(List.of(
                "GET state", "GET counters", FaultControl.ROUTES, "GET webhooks", "GET|POST|DELETE webhook-variants",
                "POST tickets", "PATCH|DELETE tickets/{id}", "POST tickets/{id}/notes", "POST tickets/{id}/time-entries",
                "POST tickets/{id}/assign", "POST tickets/{id}/status", "DELETE notes/{id}", "DELETE time-entries/{id}",
                "POST records/{Entity}", "GET|PATCH records/{Entity}/{id}", "GET|POST|DELETE activity", "POST api-users")));
        return node;
    }
}
