package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.CallbackNotice.Action;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.HookState;
import horizon.helpdesk.HookTarget;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.InboundVerdict.Accepted;
import horizon.helpdesk.RegisteredHook;
import horizon.helpdesk.SignatureVerdict;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registering, repairing, adopting, inspecting and removing Horizon's callbacks in the ConnectWise simulator over real
 * HTTP, and a delivery the simulator signed after a technician's change, captured on a loopback port and received.
 */
class ConnectWiseCallbacksSimulatorTest {

    private static final String CALLBACKS = "system/callbacks";

    private static ConnectWiseSimulator simulator;
    private static SimulatedConnectWise connectWise;
    private static HttpServer receiver;
    private static final List<InboundCall> RECEIVED = new CopyOnWriteArrayList<>();

    private HookTarget target;
    private String callbackUrl;

    @BeforeAll
    static void start() throws IOException {
        simulator = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(3, 6, 3, 10, 1)));
        connectWise = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/connectwise/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int equals = pair.indexOf('=');
                query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
            RECEIVED.add(new InboundCall(exchange.getRequestBody().readAllBytes(), headers, query));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        simulator.close();
    }

    @BeforeEach
    void noCallbacks() {
        for (ObjectNode callback : simulator.control().records(Kind.CALLBACKS)) {
            connectWise.api().delete(credentials(), CALLBACKS + "/" + callback.get("id").asLong());
        }
        RECEIVED.clear();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/connectwise/acct-7";
        target = new HookTarget(url, url, "Horizon");
        callbackUrl = url + "?recordId=";
    }

    @Test
    void registerCreatesFourActiveSelfSuppressedOwnerCallbacks() {
        List<RegisteredHook> hooks = callbacks().register(credentials(), target, List.of());

        assertThat(hooks).extracting(RegisteredHook::name)
                .containsExactly("Tickets", "Companies", "Contacts", "Time entries");
        assertThat(hooks).allSatisfy(hook -> {
            assertThat(hook.reference()).isEqualTo(hook.externalId());
            assertThat(hook.secret()).isNull();
        });
        List<ObjectNode> stored = simulator.control().records(Kind.CALLBACKS);
        assertThat(stored).hasSize(4);
        assertThat(stored).extracting(c -> c.get("type").asString())
                .containsExactlyInAnyOrder("ticket", "company", "contact", "time");
        assertThat(stored).allSatisfy(c -> {
            assertThat(c.get("url").asString()).isEqualTo(callbackUrl);
            assertThat(c.get("level").asString()).isEqualTo("owner");
            assertThat(c.get("objectId").asLong()).isEqualTo(1);
            assertThat(c.get("payloadVersion").asString()).isEqualTo("3.0.0");
            assertThat(c.get("inactiveFlag").asBoolean()).isFalse();
            assertThat(c.get("isSelfSuppressedFlag").asBoolean()).isTrue();
        });
        assertThat(stored).extracting(c -> c.get("description").asString())
                .containsExactlyInAnyOrder("Horizon Tickets", "Horizon Companies", "Horizon Contacts",
                        "Horizon Time entries");
        assertThat(ids(stored)).containsExactlyInAnyOrderElementsOf(hooks.stream()
                .map(RegisteredHook::externalId).toList());
    }

    @Test
    void registeringAgainCreatesNothingWithOrWithoutWhatWasStored() {
        List<RegisteredHook> first = callbacks().register(credentials(), target, List.of());

        List<RegisteredHook> again = callbacks().register(credentials(), target, first);
        List<RegisteredHook> forgotten = callbacks().register(credentials(), target, List.of());

        assertThat(again).isEqualTo(first);
        assertThat(forgotten).isEqualTo(first);
        assertThat(simulator.control().records(Kind.CALLBACKS)).hasSize(4);
    }

    @Test
    void aDisabledAMovedAndADeletedCallbackAreRepaired() {
        List<RegisteredHook> first = callbacks().register(credentials(), target, List.of());
        set(first.get(0), "inactiveFlag", true);
        set(first.get(1), "url", "https://old.example/hooks/connectwise/acct-7?recordId=");
        set(first.get(2), "isSelfSuppressedFlag", false);
        connectWise.api().delete(credentials(), CALLBACKS + "/" + first.get(3).externalId());
        assertThat(callbacks().inspect(credentials(), first)).extracting(HookState::healthy)
                .containsExactly(false, true, true, false);

        List<RegisteredHook> repaired = callbacks().register(credentials(), target, first);

        assertThat(repaired.subList(0, 3)).isEqualTo(first.subList(0, 3));
        assertThat(repaired.get(3).externalId()).isNotEqualTo(first.get(3).externalId());
        List<ObjectNode> stored = simulator.control().records(Kind.CALLBACKS);
        assertThat(stored).hasSize(4).allSatisfy(c -> {
            assertThat(c.get("inactiveFlag").asBoolean()).isFalse();
            assertThat(c.get("url").asString()).isEqualTo(callbackUrl);
            assertThat(c.get("isSelfSuppressedFlag").asBoolean()).isTrue();
        });
        assertThat(callbacks().inspect(credentials(), repaired)).allMatch(HookState::healthy);
    }

    @Test
    void aMatchingCallbackTheSiteAlreadyHasIsAdoptedNotDuplicated() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("url", callbackUrl);
        body.put("objectId", 1);
        body.put("type", "ticket");
        body.put("level", "owner");
        body.put("inactiveFlag", true);
        body.put("isSelfSuppressedFlag", false);
        long existing = connectWise.api().post(credentials(), CALLBACKS, body).get("id").asLong();

        List<RegisteredHook> hooks = callbacks().register(credentials(), target, List.of());

        assertThat(hooks.get(0).externalId()).isEqualTo(String.valueOf(existing));
        assertThat(simulator.control().records(Kind.CALLBACKS)).hasSize(4);
        JsonNode adopted = simulator.control().get(Kind.CALLBACKS, existing).orElseThrow();
        assertThat(adopted.get("inactiveFlag").asBoolean()).isFalse();
        assertThat(adopted.get("isSelfSuppressedFlag").asBoolean()).isTrue();
        assertThat(adopted.get("description").asString()).isEqualTo("Horizon Tickets");
    }

    @Test
    void inspectReportsEachAsTheSiteHasIt() {
        List<RegisteredHook> hooks = callbacks().register(credentials(), target, List.of());
        set(hooks.get(1), "inactiveFlag", true);
        connectWise.api().delete(credentials(), CALLBACKS + "/" + hooks.get(2).externalId());

        List<HookState> states = callbacks().inspect(credentials(), hooks);

        assertThat(states.get(0)).isEqualTo(new HookState("Tickets", hooks.get(0).externalId(), true, true, true,
                callbackUrl, List.of("owner"), List.of("self-suppressed")));
        assertThat(states.get(1).present()).isTrue();
        assertThat(states.get(1).active()).isFalse();
        assertThat(states.get(2)).isEqualTo(HookState.missing(hooks.get(2)));
        assertThat(states.get(3).healthy()).isTrue();
        assertThat(callbacks().deliveryFailures(credentials(), hooks, java.time.Instant.EPOCH)).isEmpty();
    }

    @Test
    void unregisterRemovesThemAndToleratesOnesAlreadyGone() {
        List<RegisteredHook> hooks = callbacks().register(credentials(), target, List.of());
        connectWise.api().delete(credentials(), CALLBACKS + "/" + hooks.get(0).externalId());
        List<RegisteredHook> withStale = new ArrayList<>(hooks);
        withStale.add(new RegisteredHook("Tickets", "not-an-id", null, null));

        callbacks().unregister(credentials(), withStale);

        assertThat(simulator.control().records(Kind.CALLBACKS)).isEmpty();
        assertThat(callbacks().inspect(credentials(), hooks)).noneMatch(HookState::present);
    }

    @Test
    void aDeliveryTheSiteSignedAfterATechniciansChangeIsAccepted() {
        List<RegisteredHook> hooks = callbacks().register(credentials(), target, List.of());
        long ticket = simulator.control().createTicket(Map.of("summary", "Printer on fire"));
        simulator.control().update(Kind.TICKETS, ticket, Map.of("summary", "Printer still on fire"));

        InboundCall delivery = awaitDelivery(ticket, "updated");
        InboundVerdict verdict = callbacks().receive(delivery, new HookContext(credentials(), hooks));

        assertThat(verdict).isInstanceOf(Accepted.class);
        assertThat(verdict.signature()).isEqualTo(SignatureVerdict.VALID);
        CallbackNotice notice = ((Accepted) verdict).notices().get(0);
        assertThat(notice.entity()).isEqualTo(HelpdeskEntity.TICKETS);
        assertThat(notice.externalId()).isEqualTo(ticket);
        assertThat(notice.action()).isEqualTo(Action.UPDATED);
        assertThat(notice.hookReference()).isEqualTo(hooks.get(0).reference());
        assertThat(notice.ticketNumber()).isEqualTo(String.valueOf(ticket));
        assertThat(notice.sequence()).isNotBlank();
        assertThat(notice.person()).isNotBlank();
        assertThat(notice.occurredAt()).isNotNull();
        assertThat(delivery.query()).containsEntry("recordId", String.valueOf(ticket));

        // a body altered on the way no longer passes
        byte[] altered = new String(delivery.body(), StandardCharsets.UTF_8).replace("\"updated\"", "\"deleted\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(callbacks().receive(new InboundCall(altered, delivery.headers(), delivery.query()),
                new HookContext(credentials(), hooks)).signature()).isEqualTo(SignatureVerdict.INVALID);
    }

    @Test
    void horizonsOwnWritesDoNotCallBack() {
        callbacks().register(credentials(), target, List.of());
        long ticket = simulator.control().createTicket(Map.of("summary", "Quiet"));
        awaitDelivery(ticket, "added");
        long suppressed = simulator.control().callbackCounters().get("suppressed");

        connectWise.api().patch(credentials(), "service/tickets/" + ticket, JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("op", "replace").put("path", "summary")
                        .put("value", "Changed by Horizon")));

        await().atMost(Duration.ofSeconds(5)).until(() ->
                simulator.control().callbackCounters().get("suppressed") > suppressed);
        assertThat(RECEIVED).noneMatch(call -> text(call).contains("Changed by Horizon"));
    }

    private static InboundCall awaitDelivery(long id, String action) {
        List<InboundCall> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            RECEIVED.stream().filter(call -> text(call).contains("\"ID\":" + id + ",")
                    && text(call).contains("\"Action\":\"" + action + "\"")
                    && text(call).contains("\"Type\":\"ticket\"")).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static String text(InboundCall call) {
        return new String(call.body(), StandardCharsets.UTF_8);
    }

    /** Changes a callback behind Horizon's back, as an admin (or ConnectWise's 3-day disablement) does. */
    private static void set(RegisteredHook hook, String field, boolean value) {
        change(hook, JsonNodeFactory.instance.objectNode().put("op", "replace").put("path", field).put("value", value));
    }

    private static void set(RegisteredHook hook, String field, String value) {
        change(hook, JsonNodeFactory.instance.objectNode().put("op", "replace").put("path", field).put("value", value));
    }

    private static void change(RegisteredHook hook, ObjectNode operation) {
        connectWise.api().patch(credentials(), CALLBACKS + "/" + hook.externalId(),
                JsonNodeFactory.instance.arrayNode().add(operation));
    }

    private static List<String> ids(List<ObjectNode> callbacks) {
        return callbacks.stream().map(c -> String.valueOf(c.get("id").asLong())).toList();
    }

    private static ConnectWiseCallbacks callbacks() {
        return connectWise.callbacks();
    }

    private static HelpdeskCredentials credentials() {
        return connectWise.credentials();
    }
}
