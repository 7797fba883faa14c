package horizon.simulator.autotask.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.store.RuleViolation;
import horizon.simulator.autotask.web.HtmlWidget;
import horizon.simulator.autotask.web.LiveLink;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.control.ControlRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /_sim/}: the HTTP face of {@link SimulatorControl} for demos, benchmarks and
 * out-of-process tests. No authentication: it listens where the simulator listens (loopback by default).
 */
public final class ControlApi implements HttpHandler {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
        ControlRequest.answer(exchange, result.status(), result.body());
    }

    private static Result error(int status, String message) {
        return new Result(status, ControlRequest.error(message));
    }

    private Result route(HttpExchange exchange) throws IOException {
        ControlRequest request = ControlRequest.read(exchange);
        List<String> path = request.path();
        String method = request.method();
        JsonNode body = request.body();
        SimulatorControl as = request.query().containsKey("as")
                ? control.as(Long.parseLong(request.query().get("as"))) : control;
        String first = request.first();
        if (first.equals("records")) {
            return records(request, as);
        }
        if (!first.equals("faults")) {
            Optional<JsonNode> answered = shared.handle(method, first, body, request.query());
            if (answered.isPresent()) {
                return Result.ok(answered.get());
            }
        }
        return switch (request.routeKey()) {
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
            case "POST tickets" -> created(as.createTicket(ControlRequest.fields(body)));
            case "PATCH tickets id" -> {
                as.updateTicket(request.id(1), ControlRequest.fields(body));
                yield record("Tickets", request.id(1));
            }
            case "DELETE tickets id" -> {
                as.deleteTicket(request.id(1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", request.id(1)));
            }
            case "POST tickets /notes" -> created(as.addNote(request.id(1), ControlRequest.fields(body)));
            case "POST tickets /time-entries" -> created(as.addTimeEntry(request.id(1), body.get("resourceId").asLong(),
                    body.path("hours").asDouble(1.0), body.path("summaryNotes").asString("Worked on the issue")));
            case "POST tickets /assign" -> {
                as.reassign(request.id(1), body.get("resourceId").asLong());
                yield record("Tickets", request.id(1));
            }
            case "POST tickets /status" -> {
                as.changeStatus(request.id(1), body.get("status").asLong());
                yield record("Tickets", request.id(1));
            }
            case "DELETE notes id" -> {
                as.deleteNote(request.id(1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", request.id(1)));
            }
            case "DELETE time-entries id" -> {
                as.deleteTimeEntry(request.id(1));
                yield Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", request.id(1)));
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
            case "GET html-widgets" -> Result.ok(list(control.htmlWidgets().stream().map(HtmlWidget::toJson).toList()));
            case "POST html-widgets" -> Result.ok(control.addHtmlWidget(body.path("title").asString(null),
                    body.path("html").asString(null), body.path("shared").asBoolean(false)).toJson());
            case "DELETE html-widgets id" -> deleted(control.deleteHtmlWidget(request.id(1)), "HTML widget", request.id(1));
            case "GET livelinks" -> Result.ok(list(control.liveLinks().stream().map(LiveLink::toJson).toList()));
            case "POST livelinks" -> Result.ok(control.addLiveLink(body.path("name").asString(null),
                    body.path("url").asString(null)).toJson());
            case "DELETE livelinks id" -> deleted(control.deleteLiveLink(request.id(1)), "LiveLink", request.id(1));
            case "GET web-settings" -> Result.ok(webSettings());
            case "POST web-settings" -> {
                if (body.has("allowHtmlWidgetsOnSharedTabs")) {
                    control.setAllowHtmlWidgetsOnSharedTabs(body.get("allowHtmlWidgetsOnSharedTabs").asBoolean());
                }
                yield Result.ok(webSettings());
            }
            case "POST api-users" -> Result.ok(MAPPER.valueToTree(simulator.addApiUser(body.get("userName").asString(),
                    SecurityLevel.valueOf(body.path("level").asString("API_WEBHOOK")))));
            default -> error(404, "no control route " + method + " /_sim/" + String.join("/", path));
        };
    }

    private Result records(ControlRequest request, SimulatorControl as) {
        List<String> path = request.path();
        String method = request.method();
        JsonNode body = request.body();
        if (path.size() == 2 && method.equals("POST")) {
            return created(as.create(path.get(1), ControlRequest.fields(body)));
        }
        if (path.size() == 3 && method.equals("GET")) {
            return record(path.get(1), request.id(2));
        }
        if (path.size() == 3 && method.equals("PATCH")) {
            as.update(path.get(1), request.id(2), ControlRequest.fields(body));
            return record(path.get(1), request.id(2));
        }
        return error(404, "no control route " + method + " /_sim/" + String.join("/", path));
    }

    private static ArrayNode list(List<ObjectNode> items) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private static Result deleted(boolean deleted, String what, long id) {
        return deleted ? Result.ok(JsonNodeFactory.instance.objectNode().put("deleted", id))
                : error(404, what + " " + id + " not found");
    }

    private ObjectNode webSettings() {
        return JsonNodeFactory.instance.objectNode()
                .put("allowHtmlWidgetsOnSharedTabs", control.allowHtmlWidgetsOnSharedTabs());
    }

    private static Result created(long id) {
        return Result.ok(ControlRequest.created(id));
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
                "POST records/{Entity}", "GET|PATCH records/{Entity}/{id}", "GET|POST|DELETE activity", "POST api-users",
                "GET|POST html-widgets", "DELETE html-widgets/{id}", "GET|POST livelinks", "DELETE livelinks/{id}",
                "GET|POST web-settings")));
        ObjectNode pages = node.putObject("pages");
        pages.put("dashboard", simulator.webUrl() + "Mvc/Dashboard?resource={resourceId}");
        pages.put("ticket", simulator.webUrl() + "Mvc/ServiceDesk/TicketDetail?ticketId={ticketId}&resource={resourceId}");
        return node;
    }
}
