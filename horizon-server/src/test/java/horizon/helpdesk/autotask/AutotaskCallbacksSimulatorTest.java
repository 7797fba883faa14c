package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.CallbackNotice.Action;
import horizon.helpdesk.DeliveryFailure;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.HookState;
import horizon.helpdesk.HookTarget;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.InboundVerdict.Accepted;
import horizon.helpdesk.RegisteredHook;
import horizon.helpdesk.SignatureVerdict;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.core.fault.FaultRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Horizon's Autotask webhooks against the simulator over real HTTP: what register leaves in the PSA (read from the
 * simulator's own state), repairs, unregister, inspect, the PSA's error log, and real signed callouts received on a
 * loopback HTTP server and read by {@code receive}.
 */
class AutotaskCallbacksSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NAMES = List.of("Tickets", "Ticket notes", "Companies", "Contacts");
    private static final Map<String, String> COLLECTIONS = Map.of("Tickets", "TicketWebhooks",
            "Ticket notes", "TicketNoteWebhooks", "Companies", "CompanyWebhooks", "Contacts", "ContactWebhooks");
    private static final String HOOK_PATH = "/hooks/autotask/acct-7";
    private static final String DEACTIVATION_PATH = "/hooks/autotask/acct-7/deactivated";

    private AutotaskSimulator simulator;
    private AutotaskApi api;
    private HelpdeskCredentials credentials;
    private AutotaskCallbacks callbacks;
    private Receiver receiver;
    private HookTarget target;

    @BeforeEach
    void start() {
        // a small MSP, and Autotask's 30 s retry in 30 ms
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(3, 6, 3, 10, 1)).withTimeScale(0.001));
        SimulatedAutotask autotask = SimulatedAutotask.wire(simulator, AutotaskGateProperties.defaults());
        api = autotask.api();
        credentials = autotask.credentials();
        callbacks = new AutotaskCallbacks(api);
        receiver = new Receiver();
        target = new HookTarget(receiver.url(HOOK_PATH), receiver.url(DEACTIVATION_PATH), "Horizon");
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.close();
    }

    @Test
    void registerCreatesFourReadyActiveWebhooksWithFieldsAndTheApiUserExcluded() {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());

        assertThat(hooks).extracting(RegisteredHook::name).containsExactlyElementsOf(NAMES);
        JsonNode dump = simulator.control().dump().path("webhooks");
        for (RegisteredHook hook : hooks) {
            JsonNode rows = dump.path(COLLECTIONS.get(hook.name()));
            assertThat(rows).as(hook.name()).hasSize(1);
            JsonNode row = rows.get(0);
            assertThat(row.path("id").asString()).isEqualTo(hook.externalId());
            assertThat(row.path("webhookGUID").asString()).isEqualTo(hook.reference());
            assertThat(row.path("name").asString()).isEqualTo("Horizon " + hook.name());
            assertThat(row.path("webhookUrl").asString()).isEqualTo(target.url());
            assertThat(row.path("deactivationUrl").asString()).isEqualTo(target.deactivationUrl());
            assertThat(row.path("isActive").asBoolean()).isTrue();
            assertThat(row.path("isReady").asBoolean()).isTrue();
            assertThat(row.path("isSubscribedToCreateEvents").asBoolean()).isTrue();
            assertThat(row.path("isSubscribedToUpdateEvents").asBoolean()).isTrue();
            assertThat(row.path("isSubscribedToDeleteEvents").asBoolean()).isTrue();
            assertThat(row.path("sendThresholdExceededNotification").asBoolean()).isFalse();
            assertThat(row.path("fields").size()).as(hook.name()).isGreaterThanOrEqualTo(5);
            assertThat(row.path("excludedResources")).hasSize(1);
            assertThat(row.path("excludedResources").get(0).path("resourceID").asLong())
                    .isEqualTo(simulator.apiUser().resourceId());
            assertThat(hook.secret()).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+")
                    .isEqualTo(simulatorSecret(hook));
        }
        assertThat(hooks).extracting(RegisteredHook::secret).doesNotHaveDuplicates();

        List<HookState> states = callbacks.inspect(credentials, hooks);
        assertThat(states).allMatch(HookState::healthy);
        assertThat(states.get(0).subscribedFields()).contains("title", "status", "priority", "queueID",
                "assignedResourceID", "companyID", "contactID", "dueDateTime", "issueType", "subIssueType",
                "ticketType", "source", "lastActivityDate").doesNotContain("ticketNumber");
        JsonNode ticketNumberRow = fieldRow(dump.path("TicketWebhooks").get(0), "ticketNumber", "TicketWebhookFields");
        assertThat(ticketNumberRow.path("isDisplayAlwaysField").asBoolean()).isTrue();
        assertThat(ticketNumberRow.path("isSubscribedField").asBoolean()).isFalse();
        JsonNode ticketIdRow = fieldRow(dump.path("TicketNoteWebhooks").get(0), "ticketID", "TicketNoteWebhookFields");
        assertThat(ticketIdRow.path("isDisplayAlwaysField").asBoolean()).isTrue();
        assertThat(states.get(1).subscribedFields()).contains("title", "description", "noteType", "publish");
        assertThat(states.get(2).subscribedFields()).contains("companyName", "isActive");
        assertThat(states.get(3).subscribedFields()).contains("firstName", "lastName", "emailAddress", "companyID");
    }

    @Test
    void registeringAgainCreatesNothingAndKeepsEverySecret() {
        List<RegisteredHook> first = callbacks.register(credentials, target, List.of());
        JsonNode before = simulator.control().dump().path("webhooks");

        List<RegisteredHook> second = callbacks.register(credentials, target, first);

        assertThat(second).isEqualTo(first);
        assertThat(second).extracting(RegisteredHook::secret).containsExactlyElementsOf(
                first.stream().map(RegisteredHook::secret).toList());
        assertThat(simulator.control().webhooks()).hasSize(4);
        assertThat(simulator.control().dump().path("webhooks")).isEqualTo(before);
        for (RegisteredHook hook : second) {
            assertThat(simulatorSecret(hook)).isEqualTo(hook.secret());
        }
    }

    @Test
    void webhooksHorizonLostTrackOfAreAdoptedWithANewSecretNotDuplicated() {
        List<RegisteredHook> first = callbacks.register(credentials, target, List.of());

        List<RegisteredHook> adopted = callbacks.register(credentials, target, List.of());

        assertThat(simulator.control().webhooks()).hasSize(4);
        assertThat(adopted).extracting(RegisteredHook::externalId)
                .containsExactlyElementsOf(first.stream().map(RegisteredHook::externalId).toList());
        assertThat(adopted).extracting(RegisteredHook::reference)
                .containsExactlyElementsOf(first.stream().map(RegisteredHook::reference).toList());
        for (int i = 0; i < adopted.size(); i++) {
            assertThat(adopted.get(i).secret()).isNotEqualTo(first.get(i).secret())
                    .isEqualTo(simulatorSecret(adopted.get(i)));
        }
    }

    @Test
    void registerRepairsWhatThePsaDeactivatedDeletedOrStripped() throws Exception {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        RegisteredHook tickets = hooks.get(0);
        RegisteredHook contacts = hooks.get(3);
        JsonNode ticketsBefore = simulator.control().dump().path("webhooks").path("TicketWebhooks").get(0);

        // every callout fails until Autotask gives up on the Tickets webhook (25 consecutive failed attempts)
        receiver.failing(true);
        for (int i = 0; i < 6; i++) {
            simulator.control().createTicket(Map.of("title", "Outage " + i));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !webhookRow(tickets).path("isActive").asBoolean());
        receiver.failing(false);
        // and someone strips a field and the exclusion, and deletes the Contacts webhook
        JsonNode someField = ticketsBefore.path("fields").get(0);
        api.delete(credentials, "TicketWebhooks/" + tickets.externalId() + "/Fields/" + someField.path("id").asLong());
        api.delete(credentials, "TicketWebhooks/" + tickets.externalId() + "/ExcludedResources/"
                + ticketsBefore.path("excludedResources").get(0).path("id").asLong());
        api.delete(credentials, "ContactWebhooks/" + contacts.externalId());

        // Autotask told Horizon about the deactivation, signed
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received(DEACTIVATION_PATH).isEmpty());
        InboundVerdict deactivated = callbacks.receive(receiver.received(DEACTIVATION_PATH).get(0).call(),
                new HookContext(credentials, hooks));
        assertThat(deactivated).isInstanceOf(Accepted.class);
        assertThat(deactivated.signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(((Accepted) deactivated).notices()).extracting(CallbackNotice::action)
                .contains(Action.DEACTIVATED);
        assertThat(((Accepted) deactivated).notices().get(0).externalId()).isZero();

        List<HookState> broken = callbacks.inspect(credentials, hooks);
        assertThat(broken.get(0).present()).isTrue();
        assertThat(broken.get(0).active()).isFalse();
        assertThat(broken.get(0).excludedResources()).isEmpty();
        assertThat(broken.get(3).present()).isFalse();

        List<RegisteredHook> repaired = callbacks.register(credentials, target, hooks);

        assertThat(simulator.control().webhooks()).hasSize(4);
        assertThat(repaired.get(0)).isEqualTo(tickets);
        assertThat(repaired.get(0).secret()).isEqualTo(tickets.secret()).isEqualTo(simulatorSecret(tickets));
        JsonNode ticketsAfter = webhookDump(tickets);
        assertThat(ticketsAfter.path("isActive").asBoolean()).isTrue();
        assertThat(fieldIds(ticketsAfter)).containsExactlyInAnyOrderElementsOf(fieldIds(ticketsBefore));
        assertThat(ticketsAfter.path("excludedResources").get(0).path("resourceID").asLong())
                .isEqualTo(simulator.apiUser().resourceId());
        assertThat(repaired.get(3).externalId()).isNotEqualTo(contacts.externalId());
        assertThat(repaired.get(3).secret()).isEqualTo(simulatorSecret(repaired.get(3)));
        assertThat(callbacks.inspect(credentials, repaired)).allMatch(HookState::healthy);
    }

    @Test
    void aWebhookCreatedWhoseAnswerWasLostIsAdoptedNextTimeNotDuplicated() {
        simulator.control().requestFaults().add(new FaultRule("POST", "TicketNoteWebhooks", 1, 1,
                FaultRule.Kind.COMMIT_THEN_ERROR, 503, null, 1.0));

        assertThatThrownBy(() -> callbacks.register(credentials, target, List.of()))
                .isInstanceOfSatisfying(HelpdeskException.class, failure -> assertThat(failure.retriable()).isTrue());
        simulator.control().clearFaults();
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());

        assertThat(simulator.control().webhooks()).hasSize(4);
        assertThat(hooks).extracting(RegisteredHook::name).containsExactlyElementsOf(NAMES);
        for (RegisteredHook hook : hooks) {
            assertThat(hook.secret()).isEqualTo(simulatorSecret(hook));
        }
        assertThat(callbacks.inspect(credentials, hooks)).allMatch(HookState::healthy);
    }

    @Test
    void unregisterRemovesThemAndToleratesOnesAlreadyGone() {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        api.delete(credentials, "CompanyWebhooks/" + hooks.get(2).externalId());

        callbacks.unregister(credentials, hooks);

        assertThat(simulator.control().webhooks()).isEmpty();
        callbacks.unregister(credentials, hooks);
        assertThat(callbacks.inspect(credentials, hooks)).noneMatch(HookState::present);
    }

    @Test
    void inspectReportsWhatThePsaHolds() {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        ObjectNode off = JSON.createObjectNode().put("id", Long.parseLong(hooks.get(2).externalId())).put("isActive", false);
        api.patch(credentials, "CompanyWebhooks", off);
        api.delete(credentials, "ContactWebhooks/" + hooks.get(3).externalId());
        RegisteredHook unknown = new RegisteredHook("Tickets", "987654", "none", "x");

        List<HookState> states = callbacks.inspect(credentials, List.of(hooks.get(0), hooks.get(1), hooks.get(2),
                hooks.get(3), unknown));

        assertThat(states).extracting(HookState::name)
                .containsExactly("Tickets", "Ticket notes", "Companies", "Contacts", "Tickets");
        assertThat(states.get(0).healthy()).isTrue();
        assertThat(states.get(0).url()).isEqualTo(target.url());
        assertThat(states.get(0).excludedResources()).containsExactly(Long.toString(simulator.apiUser().resourceId()));
        assertThat(states.get(2).present()).isTrue();
        assertThat(states.get(2).active()).isFalse();
        assertThat(states.get(2).ready()).isTrue();
        assertThat(states.get(3)).isEqualTo(HookState.missing(hooks.get(3)));
        assertThat(states.get(4)).isEqualTo(HookState.missing(unknown));
    }

    @Test
    void deliveriesAutotaskGaveUpOnAreReportedNewestFirst() {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        Instant since = Instant.now().minusSeconds(1);

        receiver.failing(true);
        long ticket = simulator.control().createTicket(Map.of("title", "Lost in transit"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                simulator.control().dump().path("webhooks").path("WebhookEventErrorLogs").size() >= 1);
        receiver.failing(false);

        List<DeliveryFailure> failures = callbacks.deliveryFailures(credentials, hooks, since);

        assertThat(failures).isNotEmpty().allMatch(f -> NAMES.contains(f.hookName()));
        DeliveryFailure ticketFailure = failures.stream().filter(f -> f.hookName().equals("Tickets")).findFirst()
                .orElseThrow();
        assertThat(ticketFailure.message()).isEqualTo("The remote server returned an error: (500).");
        assertThat(ticketFailure.payload()).contains("\"Id\":" + ticket).contains(hooks.get(0).reference());
        assertThat(ticketFailure.sequence()).isNotBlank();
        assertThat(ticketFailure.at()).isAfterOrEqualTo(since);
        for (int i = 1; i < failures.size(); i++) {
            assertThat(failures.get(i).at()).isBeforeOrEqualTo(failures.get(i - 1).at());
        }
        assertThat(callbacks.deliveryFailures(credentials, hooks, Instant.now().plusSeconds(3600))).isEmpty();
        assertThat(callbacks.deliveryFailures(credentials, List.of(), since)).isEmpty();
        // a log row of a webhook that is not Horizon's is not reported
        assertThat(callbacks.deliveryFailures(credentials, List.of(hooks.get(1)), since))
                .allMatch(f -> f.hookName().equals("Ticket notes"));
    }

    @Test
    void realSignedCalloutsPassReceiveAndHorizonsOwnChangesDoNotCallBack() {
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        HookContext context = new HookContext(credentials, hooks);
        long technician = simulator.control().technicians().get(1);
        long ticket = simulator.control().createTicket(Map.of("title", "Café printer <down> & \"urgent\" + 'VIP'"));
        String number = simulator.control().get("Tickets", ticket).orElseThrow().path("ticketNumber").asString();
        long inProgress = simulator.control().picklistCode("Tickets", "status", "In Progress");

        // Horizon's API user changes the ticket first: excluded, so the webhook's queue has nothing of it
        simulator.control().as(simulator.apiUser().resourceId()).updateTicket(ticket, Map.of("title", "echo"));
        simulator.control().as(technician).changeStatus(ticket, inProgress);
        long note = simulator.control().as(technician).addNote(ticket, "Called", "Customer confirmed");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notices(context).stream().anyMatch(
                n -> n.entity() == HelpdeskEntity.TICKET_NOTES && n.externalId() == note)
                && notices(context).stream().anyMatch(n -> n.action() == Action.UPDATED && n.externalId() == ticket));
        List<InboundVerdict> verdicts = receiver.received(HOOK_PATH).stream()
                .map(c -> callbacks.receive(c.call(), context)).toList();
        assertThat(verdicts).allMatch(v -> v instanceof Accepted && v.signature() == SignatureVerdict.VALID);
        List<CallbackNotice> notices = notices(context);
        CallbackNotice created = notices.stream().filter(n -> n.entity() == HelpdeskEntity.TICKETS
                && n.action() == Action.CREATED).findFirst().orElseThrow();
        assertThat(created.externalId()).isEqualTo(ticket);
        assertThat(created.ticketNumber()).isEqualTo(number);
        assertThat(created.hookReference()).isEqualTo(hooks.get(0).reference());
        CallbackNotice updated = notices.stream().filter(n -> n.entity() == HelpdeskEntity.TICKETS
                && n.action() == Action.UPDATED).findFirst().orElseThrow();
        assertThat(updated.person()).isEqualTo(Long.toString(technician));
        assertThat(updated.ticketNumber()).isEqualTo(number);
        assertThat(updated.occurredAt()).isNotNull();
        assertThat(notices).noneMatch(n -> Long.toString(simulator.apiUser().resourceId()).equals(n.person()));
        // the raw body carries the .NET escapes the signature was made over
        assertThat(receiver.received(HOOK_PATH).stream().map(c -> new String(c.body(), StandardCharsets.UTF_8)))
                .anyMatch(body -> body.contains("Caf\\u00E9 printer \\u003Cdown\\u003E \\u0026"));
    }

    @Test
    void everyPayloadVariantTheSimulatorCanSendIsRead() {
        simulator.control().webhookVariants().personIdKey("PersonId").camelCaseFieldKeys(true)
                .deleteWithoutFields(true).deactivationOnWebhookUrl(true);
        List<RegisteredHook> hooks = callbacks.register(credentials, target, List.of());
        HookContext context = new HookContext(credentials, hooks);
        long technician = simulator.control().technicians().get(1);
        long ticket = simulator.control().as(technician).createTicket(Map.of("title", "Variants"));
        String number = simulator.control().get("Tickets", ticket).orElseThrow().path("ticketNumber").asString();
        simulator.control().as(technician).deleteTicket(ticket);
        // queued callouts of a webhook switched off wait for it: let the Delete arrive first
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notices(context).stream()
                .anyMatch(n -> n.action() == Action.DELETED));
        api.patch(credentials, "TicketWebhooks", JSON.createObjectNode()
                .put("id", Long.parseLong(hooks.get(0).externalId())).put("isActive", false));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> notices(context).stream()
                .anyMatch(n -> n.action() == Action.DEACTIVATED));
        List<CallbackNotice> notices = notices(context);
        assertThat(receiver.received(HOOK_PATH).stream().map(c -> new String(c.body(), StandardCharsets.UTF_8)))
                .anyMatch(body -> body.contains("\"PersonId\":") && body.contains("\"ticketNumber\":"))
                .anyMatch(body -> body.contains("\"Action\":\"Delete\"") && !body.contains("\"Fields\""));
        assertThat(notices).filteredOn(n -> n.action() == Action.CREATED && n.entity() == HelpdeskEntity.TICKETS)
                .singleElement().satisfies(n -> {
                    assertThat(n.externalId()).isEqualTo(ticket);
                    assertThat(n.ticketNumber()).isEqualTo(number);
                    assertThat(n.person()).isEqualTo(Long.toString(technician));
                });
        assertThat(notices).filteredOn(n -> n.action() == Action.DELETED && n.entity() == HelpdeskEntity.TICKETS)
                .singleElement().satisfies(n -> assertThat(n.externalId()).isEqualTo(ticket));
        assertThat(notices).filteredOn(n -> n.action() == Action.DEACTIVATED).singleElement()
                .satisfies(n -> assertThat(n.hookReference()).isEqualTo(hooks.get(0).reference()));
    }

    @Test
    void aSecurityLevelWithoutWebhookRightsIsOnePermissionErrorWithTheSteps() {
        ApiUser limited = simulator.addApiUser("nowebhooks@horizon-sim.example", SecurityLevel.API_ONLY);

        assertThatThrownBy(() -> callbacks.register(AutotaskCredentials.of(limited), target, List.of()))
                .isInstanceOfSatisfying(HelpdeskException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(HelpdeskException.Kind.PERMISSION);
                    assertThat(failure.title()).isEqualTo("Webhook permission missing");
                    assertThat(failure.getMessage()).contains("create webhooks")
                            .contains("does not have the adequate permissions");
                    assertThat(failure.steps()).isEqualTo(AutotaskErrorClassifier.SECURITY_LEVEL_STEPS);
                    assertThat(failure.getSuppressed()).isEmpty();
                });
        assertThat(simulator.control().webhooks()).isEmpty();
    }

    private List<CallbackNotice> notices(HookContext context) {
        List<CallbackNotice> notices = new ArrayList<>();
        for (Receiver.Callout callout : receiver.received(HOOK_PATH)) {
            if (callbacks.receive(callout.call(), context) instanceof Accepted accepted) {
                notices.addAll(accepted.notices());
            }
        }
        return notices;
    }

    private String simulatorSecret(RegisteredHook hook) {
        return StreamSupport.stream(simulator.control().webhooks().spliterator(), false)
                .filter(w -> w.path("entity").asString().equals(COLLECTIONS.get(hook.name()))
                        && w.path("id").asString().equals(hook.externalId()))
                .map(w -> w.path("secretKey").asString()).findFirst().orElse(null);
    }

    private JsonNode webhookRow(RegisteredHook hook) {
        return StreamSupport.stream(simulator.control().webhooks().spliterator(), false)
                .filter(w -> w.path("entity").asString().equals(COLLECTIONS.get(hook.name()))
                        && w.path("id").asString().equals(hook.externalId()))
                .findFirst().orElseThrow();
    }

    private JsonNode webhookDump(RegisteredHook hook) {
        return StreamSupport.stream(simulator.control().dump().path("webhooks").path(COLLECTIONS.get(hook.name()))
                        .spliterator(), false)
                .filter(w -> w.path("id").asString().equals(hook.externalId())).findFirst().orElseThrow();
    }

    private static List<Long> fieldIds(JsonNode webhook) {
        return StreamSupport.stream(webhook.path("fields").spliterator(), false)
                .map(f -> f.path("fieldID").asLong()).toList();
    }

    /** The webhook's Fields row of a field, found through the PSA's own fieldID picklist. */
    private JsonNode fieldRow(JsonNode webhook, String name, String fieldsCollection) {
        JsonNode picklist = api.get(credentials, fieldsCollection + "/entityInformation/fields").path("fields");
        long fieldId = StreamSupport.stream(picklist.spliterator(), false)
                .filter(f -> f.path("name").asString().equals("fieldID"))
                .flatMap(f -> StreamSupport.stream(f.path("picklistValues").spliterator(), false))
                .filter(v -> v.path("label").asString().equals(name))
                .mapToLong(v -> Long.parseLong(v.path("value").asString())).findFirst().orElseThrow();
        Predicate<JsonNode> isField = row -> row.path("fieldID").asLong() == fieldId;
        return StreamSupport.stream(webhook.path("fields").spliterator(), false).filter(isField).findFirst()
                .orElseThrow();
    }

    /** A loopback endpoint that keeps every call exactly as it arrived; the hook path can be made to answer 500. */
    static final class Receiver implements AutoCloseable {

        record Callout(String path, Map<String, String> headers, byte[] body) {
            InboundCall call() {
                return new InboundCall(body, headers, Map.of());
            }
        }

        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final List<Callout> callouts = new CopyOnWriteArrayList<>();
        private volatile boolean failing;

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
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                boolean fail = failing && path.equals(HOOK_PATH);
                if (!fail) {
                    callouts.add(new Callout(path, headers, body));
                }
                exchange.sendResponseHeaders(fail ? 500 : 200, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void failing(boolean on) {
            failing = on;
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
}
