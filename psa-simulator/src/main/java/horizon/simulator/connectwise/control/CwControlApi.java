package horizon.simulator.connectwise.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import horizon.simulator.connectwise.ConnectWiseControl;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.hosted.HostedApiSetup;
import horizon.simulator.connectwise.hosted.MemberHashes;
import horizon.simulator.connectwise.rest.ApiError;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Permission;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.control.ControlRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /_sim/}: the HTTP face of {@link ConnectWiseControl} for demos, benchmarks and
 * out-of-process tests. No authentication: it listens where the simulator listens (loopback by default).
 */
public final class CwControlApi implements HttpHandler {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ConnectWiseSimulator simulator;

    public CwControlApi(ConnectWiseSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode result;
        try {
            result = route(exchange);
            if (result == null) {
                status = 404;
                result = ControlRequest.error("no control route " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
        } catch (ApiError e) {
            status = 400;
            result = e.toJson();
        } catch (IllegalArgumentException | IllegalStateException | JacksonException | ClassCastException
                 | NullPointerException e) {
            status = 400;
            result = ControlRequest.error(e.getMessage());
        }
        ControlRequest.answer(exchange, status, result);
    }

    private JsonNode route(HttpExchange exchange) throws IOException {
        ControlRequest request = ControlRequest.read(exchange);
        List<String> path = request.path();
        String method = request.method();
        JsonNode body = request.body();
        ConnectWiseControl control = request.query().containsKey("as")
                ? simulator.control().as(Long.parseLong(request.query().get("as"))) : simulator.control();
        Optional<JsonNode> shared = control.faults().handle(method, request.first(), body, request.query());
        if (shared.isPresent()) {
            return shared.get();
        }
        return switch (request.routeKey()) {
            case "GET " -> index();
            case "GET state" -> control.dump();
            case "GET counters" -> control.counters();
            case "GET callbacks" -> control.callbacks();
            case "POST signing-key" -> JsonNodeFactory.instance.objectNode().put("id", control.rotateSigningKey());
            case "POST tickets" -> ControlRequest.created(control.createTicket(ControlRequest.fields(body)));
            case "PATCH tickets id" -> control.update(Kind.TICKETS, request.id(1), ControlRequest.fields(body));
            case "DELETE tickets id" -> {
                control.deleteTicket(request.id(1));
                yield JsonNodeFactory.instance.objectNode().put("deleted", request.id(1));
            }
            case "POST tickets /notes" -> ControlRequest.created(control.addNote(request.id(1), body.path("text").asString(),
                    body.path("internal").asBoolean(false)));
            case "POST tickets /time-entries" -> ControlRequest.created(control.addTimeEntry(request.id(1),
                    body.path("memberId").asLong(control.technicians().get(0)), body.path("hours").asDouble(1.0),
                    body.path("notes").asString("Worked on the issue")));
            case "POST tickets /assign" -> control.assign(request.id(1), body.get("memberId").asLong());
            case "POST tickets /status" -> control.changeStatus(request.id(1), body.get("statusId").asLong());
            case "POST records id" -> ControlRequest.created(control.create(kind(path), body.path("parentId").asLong(0),
                    ControlRequest.fields(body.path("fields"))));
            case "POST client-ids id" -> {
                control.disableClientId(path.get(1), body.path("disabled").asBoolean(true));
                yield JsonNodeFactory.instance.objectNode().put("clientId", path.get(1))
                        .put("disabled", body.path("disabled").asBoolean(true));
            }
            case "POST permissions" -> {
                control.setPermission(body.path("roleId").asLong(simulator.apiRoleId()),
                        Permission.valueOf(body.get("permission").asString()), body.path("granted").asBoolean());
                yield JsonNodeFactory.instance.objectNode().put("ok", true);
            }
            case "POST rate-limit" -> {
                control.setRequestsPerMinute(body.get("requestsPerMinute").asInt());
                yield control.counters();
            }
            case "GET hosted-apis" -> hostedApis(control);
            case "POST hosted-apis" -> control.addHostedApiSetup(body.path("description").asString(null),
                    HostedApiSetup.Screen.of(body.path("screen").asString(null)), body.path("url").asString(null),
                    body.path("origin").asString(null),
                    body.path("podHeight").asInt(HostedApiSetup.DEFAULT_POD_HEIGHT)).toJson();
            case "GET hosted-apis id" -> control.hostedApiSetup(request.id(1)).map(HostedApiSetup::toJson)
                    .map(JsonNode.class::cast).orElse(null);
            case "DELETE hosted-apis id" -> control.deleteHostedApiSetup(request.id(1))
                    ? JsonNodeFactory.instance.objectNode().put("deleted", request.id(1)) : null;
            case "POST member-hashes" -> memberHash(control, body);
            case "DELETE member-hashes" -> {
                control.expireMemberHashes();
                yield JsonNodeFactory.instance.objectNode().put("expired", true);
            }
            case "GET activity" -> activity(control);
            case "POST activity" -> {
                control.startActivity(body.path("perMinute").asDouble(60));
                yield activity(control);
            }
            case "DELETE activity" -> {
                control.stopActivity();
                yield activity(control);
            }
            default -> recordRoute(method, path, body, control);
        };
    }

    /** {@code PATCH /_sim/records/{KIND}/{id}} with the fields to replace. */
    private static JsonNode recordRoute(String method, List<String> path, JsonNode body, ConnectWiseControl control) {
        if (path.size() == 3 && path.get(0).equalsIgnoreCase("records") && method.equals("PATCH")) {
            return control.update(kind(path), Long.parseLong(path.get(2)), ControlRequest.fields(body));
        }
        if (path.size() == 3 && path.get(0).equalsIgnoreCase("records") && method.equals("GET")) {
            return control.get(kind(path), Long.parseLong(path.get(2))).map(JsonNode.class::cast).orElse(null);
        }
        return null;
    }

    private static ArrayNode hostedApis(ConnectWiseControl control) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        control.hostedApiSetups().forEach(setup -> list.add(setup.toJson()));
        return list;
    }

    /** {@code {memberId}} or {@code {memberIdentifier}} → the minted hash with its member and expiry. */
    private static ObjectNode memberHash(ConnectWiseControl control, JsonNode body) {
        long memberId = body.hasNonNull("memberId") ? body.get("memberId").asLong()
                : control.memberId(body.path("memberIdentifier").asString(""));
        MemberHashes.MemberHash hash = control.mintMemberHashRecord(memberId);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("memberHash", hash.value());
        node.put("memberId", hash.memberId());
        node.put("memberIdentifier", hash.memberIdentifier());
        node.put("expiresAt", hash.expiresAt().toString());
        return node;
    }

    private static Kind kind(List<String> path) {
        if (path.size() < 2) {
            throw new IllegalArgumentException("name the collection, e.g. records/CONTACTS");
        }
        return Kind.valueOf(path.get(1).toUpperCase(Locale.ROOT));
    }

    private ObjectNode index() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("siteUrl", simulator.siteUrl());
        node.put("apiUrl", simulator.apiUrl());
        node.put("companyId", simulator.apiMember().companyId());
        node.put("publicKey", simulator.apiMember().publicKey());
        node.put("memberIdentifier", simulator.apiMember().memberIdentifier());
        node.put("clientId", simulator.clientId());
        node.set("routes", MAPPER.valueToTree(List.of("GET state", "GET counters", "GET callbacks",
                "POST signing-key", FaultControl.ROUTES, "POST tickets", "PATCH|DELETE tickets/{id}",
                "POST tickets/{id}/notes", "POST tickets/{id}/time-entries", "POST tickets/{id}/assign",
                "POST tickets/{id}/status", "POST records/{KIND}", "GET|PATCH records/{KIND}/{id}",
                "POST client-ids/{clientId}", "POST permissions", "POST rate-limit", "GET|POST|DELETE activity",
                "GET|POST hosted-apis", "GET|DELETE hosted-apis/{id}", "POST|DELETE member-hashes")));
        ObjectNode pages = node.putObject("pages");
        pages.put("ticket", simulator.siteUrl() + "hosted/tickets/{ticketId}?member={memberIdentifier}");
        pages.put("menu", simulator.siteUrl() + "hosted/menu/{setupId}?member={memberIdentifier}");
        return node;
    }

    private static ObjectNode activity(ConnectWiseControl control) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("perMinute", control.activityRate());
        node.put("actions", control.activityActions());
        return node;
    }
}
