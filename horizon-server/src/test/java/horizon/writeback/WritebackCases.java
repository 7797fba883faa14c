package horizon.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.simulator.core.fault.FaultRule;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.Fixtures.TestUser;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.PsaSuite;
import horizon.testsupport.SimulatedPsa;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Write-back against each simulated PSA over real HTTP: an agent's action through the API, the outbox, the adapter's
 * writer, the PSA's state. Subclassed once per store; every case runs once per PSA in one shared context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WritebackCases extends HorizonTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** The chaos case's polling interval, the safety net for what the faults make callbacks miss. */
    static final int CHAOS_POLLING_SECONDS = 30;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WritebackCases.class);
    /** Polling that never comes during a case: echoes of Horizon's own writes arrive by callback only. */
    static final SyncSettings NO_POLLING = new SyncSettings(true, true, true, true, true, true, 30, 86_400);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    HelpdeskConnections connections;
    @Autowired
    MirrorQueries mirror;
    @Autowired
    MappingHelpdeskUsers mappings;
    @Autowired
    ActionChecks checks;

    protected abstract List<SimulatedPsa> psas();

    /**
     * How long the down case keeps the PSA down after the first failure: a minute for one PSA on one store is enough
     * (the outbox does not know which PSA it sends to); the other runs keep it short.
     */
    protected Duration psaDownFor(SimulatedPsa psa) {
        return Duration.ofSeconds(4);
    }

    static void register(DynamicPropertyRegistry registry, List<SimulatedPsa> psas, boolean ownH2) {
        PsaSuite.register(registry, psas, ownH2 ? "writeback" : null);
        registry.add("horizon.sync.dispatch-interval", () -> "1s");
        registry.add("horizon.writeback.max-pause", () -> "2s");
        registry.add("horizon.writeback.idle", () -> "100ms");
    }

    Stream<Arguments> createFaults() {
        List<Arguments> cases = new ArrayList<>();
        for (SimulatedPsa psa : psas()) {
            for (HelpdeskEntity entity : List.of(HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES)) {
                cases.add(Arguments.of(psa, entity, FaultRule.Kind.COMMIT_THEN_ERROR, 500));
                cases.add(Arguments.of(psa, entity, FaultRule.Kind.COMMIT_THEN_ERROR, 503));
                cases.add(Arguments.of(psa, entity, FaultRule.Kind.COMMIT_THEN_STALL, 0));
                cases.add(Arguments.of(psa, entity, FaultRule.Kind.COMMIT_THEN_DROP, 0));
            }
        }
        return cases.stream();
    }

    @AfterEach
    void clearFaults() {
        psas().forEach(psa -> {
            psa.setApiDown(false);
            psa.clearFaults();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void assignStatusNoteAndTimeEachReachThePsaWithinASecondAsTheAgent(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Four actions");
        HelpdeskTicket ticket = openTicket(agent);
        String token = agent.user().token();

        long started = System.nanoTime();
        JsonNode assigned = post(token, "/api/v1/tickets/" + ticket.externalId() + "/assign",
                "{\"resourceId\":" + agent.resource().externalId() + ",\"seen\":\"" + Writeback.version(ticket) + "\"}",
                202);
        assertThat(assigned.path("action").path("self").asString()).startsWith("/api/v1/actions/");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> Long.valueOf(agent.resource().externalId()).equals(psa.ticketState(ticket.externalId())
                        .assigneeId()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("assign visible in the PSA")
                .isLessThan(Duration.ofSeconds(1));

        String status = otherStatus(agent, ticket);
        started = System.nanoTime();
        post(token, "/api/v1/tickets/" + ticket.externalId() + "/status", "{\"status\":\"" + status + "\"}", 202);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> status.equals(psa.ticketState(ticket.externalId()).status()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("status visible in the PSA")
                .isLessThan(Duration.ofSeconds(1));

        String text = "Rebooted the print spooler " + UUID.randomUUID();
        started = System.nanoTime();
        post(token, "/api/v1/tickets/" + ticket.externalId() + "/notes",
                "{\"text\":\"" + text + "\",\"visibility\":\"PUBLIC\"}", 202);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> psa.notes(ticket.externalId()).stream().anyMatch(n -> n.text().contains(text)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("note visible in the PSA")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(psa.notes(ticket.externalId())).filteredOn(n -> n.text().contains(text)).singleElement()
                .satisfies(n -> assertThat(n.creditedTo(agent.resource().externalId(), agent.user().displayName()))
                        .as("note %s credited to the agent", n).isTrue());

        String summary = "Replaced the toner " + UUID.randomUUID();
        started = System.nanoTime();
        JsonNode timed = post(token, "/api/v1/tickets/" + ticket.externalId() + "/time-entries",
                "{\"durationMinutes\":30,\"summary\":\"" + summary + "\"}", 202);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> psa.timeEntries(ticket.externalId()).stream().anyMatch(t -> t.summary().equals(summary)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time entry visible in the PSA")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(psa.timeEntries(ticket.externalId())).filteredOn(t -> t.summary().equals(summary)).singleElement()
                .satisfies(t -> assertThat(t.resourceId()).isEqualTo(agent.resource().externalId()));

        // Every action ends synced, and the mirror holds what the PSA answered: the note once, however many
        // callbacks and polls the writes set off.
        String self = timed.path("action").path("self").asString();
        await().atMost(WAIT).until(() -> get(token, self).path("state").asString().equals("SYNCED"));
        JsonNode actions = get(token, "/api/v1/tickets/" + ticket.externalId() + "/actions");
        assertThat(actions).hasSize(4).allSatisfy(a -> assertThat(a.path("state").asString()).isEqualTo("SYNCED"));
        await().atMost(WAIT).until(() -> mirror.find(agent.account().id(), MirroredEntity.TICKETS,
                ticket.externalId()).map(t -> status.equals(t.status())
                && Long.valueOf(agent.resource().externalId()).equals(t.assigneeResourceId())).orElse(false));
        assertThat(mirror.notes(agent.account().id(), ticket.externalId()))
                .filteredOn(n -> n.description() != null && n.description().contains(text)).hasSize(1);
        assertThat(mirror.timeEntries(agent.account().id(), ticket.externalId()))
                .filteredOn(t -> summary.equals(t.summaryNotes())).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("createFaults")
    void aCreateThePsaCommittedButAnsweredBadlyExistsExactlyOnce(SimulatedPsa psa, HelpdeskEntity entity,
                                                                 FaultRule.Kind kind, int status) {
        Agent agent = connectedAgent(psa, "Once " + entity + " " + kind + status);
        HelpdeskTicket ticket = openTicket(agent);
        String token = agent.user().token();
        String text = "Exactly once " + UUID.randomUUID();
        long before = psa.writeRequests(entity);
        psa.faultWrites(entity, kind, status, Duration.ofMillis(1500), 1, 1);

        JsonNode receipt = entity == HelpdeskEntity.TICKET_NOTES
                ? post(token, "/api/v1/tickets/" + ticket.externalId() + "/notes", "{\"text\":\"" + text + "\"}", 202)
                : post(token, "/api/v1/tickets/" + ticket.externalId() + "/time-entries",
                "{\"durationMinutes\":15,\"summary\":\"" + text + "\"}", 202);
        String self = receipt.path("action").path("self").asString();
        JsonNode synced = await().atMost(WAIT).until(() -> get(token, self),
                a -> a.path("state").asString().equals("SYNCED"));

        long inPsa = entity == HelpdeskEntity.TICKET_NOTES
                ? psa.notes(ticket.externalId()).stream().filter(n -> n.text().contains(text)).count()
                : psa.timeEntries(ticket.externalId()).stream().filter(t -> t.summary().equals(text)).count();
        assertThat(inPsa).as("records in the PSA").isEqualTo(1);
        assertThat(psa.writeRequests(entity) - before).as("create requests: the failed one only, then a look-up")
                .isEqualTo(1);
        assertThat(synced.path("attempts").asInt()).isEqualTo(1);
        assertThat(synced.path("resultId").asLong()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void whileThePsaIsDownActionsQueueAndLandInOrderOnceItIsBack(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Down");
        HelpdeskTicket ticket = openTicket(agent);
        String token = agent.user().token();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        psa.setApiDown(true);

        List<String> selves = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            selves.add(post(token, "/api/v1/tickets/" + ticket.externalId() + "/notes",
                    "{\"text\":\"Step " + i + " " + tag + "\"}", 202).path("action").path("self").asString());
        }
        String status = otherStatus(agent, ticket);
        selves.add(post(token, "/api/v1/tickets/" + ticket.externalId() + "/status", "{\"status\":\"" + status + "\"}",
                202).path("action").path("self").asString());
        // The first is retried with growing pauses (once its outcome is unknown, each retry first looks for it, so
        // its send count stays 1 while the PSA is down); the others wait behind it, in order.
        await().atMost(WAIT).until(() -> get(token, selves.get(0)).path("retrying").asBoolean());
        sleep(psaDownFor(psa));
        assertThat(get(token, selves.get(0)).path("state").asString()).isEqualTo("PENDING");
        assertThat(get(token, selves.get(1)).path("attempts").asInt()).isZero();
        assertThat(psa.notes(ticket.externalId())).noneMatch(n -> n.text().contains(tag));

        psa.setApiDown(false);
        await().atMost(WAIT).until(() -> selves.stream().allMatch(s -> get(token, s).path("state").asString()
                .equals("SYNCED")));
        List<String> landed = psa.notes(ticket.externalId()).stream().filter(n -> n.text().contains(tag))
                .map(n -> n.text().substring(n.text().indexOf("Step"))).toList();
        assertThat(landed).containsExactly("Step 1 " + tag, "Step 2 " + tag, "Step 3 " + tag);
        assertThat(psa.ticketState(ticket.externalId()).status()).isEqualTo(status);
    }

    /**
     * How long the chaos case keeps its faults on: the short scenario CI runs (the bench runs the long one).
     */
    protected Duration chaosFor(SimulatedPsa psa) {
        return Duration.ofSeconds(15);
    }

    /**
     * The short chaos run: the PSA changes tickets and agents write notes, time entries and assignments through
     * Horizon while deliveries are dropped (20%), duplicated (10%, adjacent and late), reordered and delayed, and the
     * API answers 5% of calls with 503, commits some note writes before failing them, storms 429 and goes down. When
     * the faults stop, Horizon must converge within the polling interval plus 60 s: the mirror equals the PSA, and
     * every accepted action is in the PSA exactly once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void underDeliveryAndApiFaultsEverythingConvergesWithNothingLostOrDoubled(SimulatedPsa psa) {
        SyncSettings polling = new SyncSettings(true, true, true, true, true, true, 30, CHAOS_POLLING_SECONDS);
        Agent agent = connect(psa, "Chaos", polling);
        String token = agent.user().token();
        List<HelpdeskTicket> open = mirror.loadAll(agent.account().id(), MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null).limit(30).toList();
        java.util.Random random = new java.util.Random(7);
        List<String> notes = new ArrayList<>();
        List<String> times = new ArrayList<>();
        java.util.Map<Long, List<String>> written = new java.util.HashMap<>();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        var faults = psa.requestFaults();
        psa.deliveryFaults().dropRate(0.2).duplicateRate(0.1).lateDuplicate(0.1, Duration.ofMillis(800))
                .reorderRate(0.2).delay(Duration.ofMillis(50));
        faults.setErrorRate(503, 0.05);
        psa.faultWrites(HelpdeskEntity.TICKET_NOTES, FaultRule.Kind.COMMIT_THEN_ERROR, 500, null, 3, 4);
        psa.faultWrites(HelpdeskEntity.TIME_ENTRIES, FaultRule.Kind.COMMIT_THEN_DROP, 0, null, 2, 2);
        long end = System.nanoTime() + chaosFor(psa).toNanos();
        int round = 0;
        try {
            while (System.nanoTime() < end) {
                round++;
                HelpdeskTicket ticket = open.get(random.nextInt(open.size()));
                long id = ticket.externalId();
                switch (round % 4) {
                    case 0 -> psa.retitle(id, "Chaos " + tag + " round " + round);
                    case 1 -> psa.addNote(id, "PSA note", "Written in the PSA, round " + round);
                    case 2 -> psa.createTicket("Chaos " + tag + " new " + round);
                    default -> psa.changeStatus(id);
                }
                String text = "Agent note " + tag + " #" + round;
                if (api("POST", "/api/v1/tickets/" + id + "/notes", token, "{\"text\":\"" + text + "\"}")
                        .statusCode() == 202) {
                    notes.add(text);
                    written.computeIfAbsent(id, k -> new ArrayList<>()).add(text);
                }
                if (round % 3 == 0) {
                    String summary = "Agent time " + tag + " #" + round;
                    if (api("POST", "/api/v1/tickets/" + id + "/time-entries", token,
                            "{\"durationMinutes\":15,\"summary\":\"" + summary + "\"}").statusCode() == 202) {
                        times.add(summary);
                        written.computeIfAbsent(id, k -> new ArrayList<>()).add(summary);
                    }
                }
                if (round == 8) {
                    faults.burst429(25);
                }
                if (round == 14) {
                    psa.setApiDown(true);
                    sleep(Duration.ofSeconds(3));
                    psa.setApiDown(false);
                }
                sleep(Duration.ofMillis(250));
            }
        } finally {
            psa.setApiDown(false);
            psa.clearFaults();
            faults.setErrorRate(503, 0);
            psa.deliveryFaults().reset();
        }
        long quiet = System.nanoTime();

        // Converged: every accepted action synced, and the mirror equal to the PSA, within the polling interval + 60 s.
        Duration limit = Duration.ofSeconds(CHAOS_POLLING_SECONDS + 60);
        await().atMost(limit).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (long ticketId : written.keySet()) {
                assertThat(get(token, "/api/v1/tickets/" + ticketId + "/actions"))
                        .allSatisfy(a -> assertThat(a.path("state").asString()).as(a.toString()).isEqualTo("SYNCED"));
            }
            horizon.sync.SimulatorMirror.assertMirrors(psa, mirror, agent.account().id(),
                    jdbc.sql("select window_start from sync_runs where account_id = :id and kind = 'BACKFILL'")
                            .param("id", agent.account().id())
                            .query((rs, n) -> horizon.account.Timestamps.read(rs, "window_start")).single());
        });
        Duration converged = Duration.ofNanos(System.nanoTime() - quiet);
        // Nothing lost, nothing doubled: each accepted note and time entry is in the PSA exactly once.
        for (var entry : written.entrySet()) {
            List<SimulatedPsa.PsaNote> psaNotes = psa.notes(entry.getKey());
            List<SimulatedPsa.PsaTime> psaTimes = psa.timeEntries(entry.getKey());
            for (String text : entry.getValue()) {
                long found = text.startsWith("Agent note")
                        ? psaNotes.stream().filter(n -> n.text().endsWith(text)).count()
                        : psaTimes.stream().filter(t -> text.equals(t.summary())).count();
                assertThat(found).as("%s on ticket %d", text, entry.getKey()).isEqualTo(1);
            }
        }
        log.info("chaos {}: {} rounds, {} notes and {} time entries accepted, converged {} ms after the faults "
                + "stopped (limit {} s): 0 divergences, 0 lost, 0 doubled", psa, round, notes.size(), times.size(),
                converged.toMillis(), limit.toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void anUnmappedAgentIsToldToAskForMappingAndAnotherAccountSeesNoTicket(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Refusals");
        HelpdeskTicket ticket = openTicket(agent);
        TestAccount other = fixtures().account("Stranger " + psa);

        var unmapped = api("POST", "/api/v1/tickets/" + ticket.externalId() + "/notes",
                agent.account().admin().token(), "{\"text\":\"Hello\"}");
        assertThat(unmapped.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unmapped.body()).path("message").asString())
                .contains("Ask an admin to map you on the Helpdesk User Mapping page");

        var stranger = api("POST", "/api/v1/tickets/" + ticket.externalId() + "/notes", other.admin().token(),
                "{\"text\":\"Hello\"}");
        assertThat(stranger.statusCode()).isIn(404, 409);
        assertThat(api("GET", "/api/v1/actions/" + 1, other.agent().token(), null).statusCode()).isEqualTo(404);
        assertThat(psa.notes(ticket.externalId())).noneMatch(n -> n.text().contains("Hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void assigningATicketCompletedSinceTheAgentLookedAsksFirst(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Conflicts");
        HelpdeskTicket ticket = openTicket(agent);
        String seen = Writeback.version(ticket);
        String token = agent.user().token();
        String complete = context.getBean(horizon.helpdesk.Helpdesks.class).writer(psa.kind())
                .completeStatus(psa.credentials(), ticket);
        post(token, "/api/v1/tickets/" + ticket.externalId() + "/status", "{\"status\":\"" + complete + "\"}", 202);
        await().atMost(WAIT).until(() -> mirror.find(agent.account().id(), MirroredEntity.TICKETS,
                ticket.externalId()).map(t -> t.completedAt() != null).orElse(false));

        String assign = "{\"resourceId\":" + agent.resource().externalId() + ",\"seen\":\"" + seen + "\"}";
        var asked = api("POST", "/api/v1/tickets/" + ticket.externalId() + "/assign", token, assign);
        assertThat(asked.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(asked.body()).path("error").asString()).isEqualTo("confirm");
        assertThat(JSON.readTree(asked.body()).path("message").asString()).contains("anyway?");

        post(token, "/api/v1/tickets/" + ticket.externalId() + "/assign",
                assign.replace("}", ",\"confirm\":true}"), 202);
        await().atMost(WAIT).until(() -> Long.valueOf(agent.resource().externalId())
                .equals(psa.ticketState(ticket.externalId()).assigneeId()));
        // Setting the status it already has sends nothing.
        JsonNode same = post(token, "/api/v1/tickets/" + ticket.externalId() + "/status",
                "{\"status\":\"" + complete + "\"}", 200);
        assertThat(same.path("state").asString()).isEqualTo("UNCHANGED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void theSmokeTestPassesAndNamesTheStepThatFailsWhenThePsaRefusesTheStatusChange(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Smoke");
        HelpdeskUser adminResource = mirror.helpdeskUsers(agent.account().id(), true).stream()
                .filter(u -> u.externalId() != agent.resource().externalId())
                .filter(u -> psa.kind() != horizon.helpdesk.HelpdeskKind.AUTOTASK || !u.roles().isEmpty())
                .findFirst().orElseThrow();
        mappings.bind(agent.account().id(), adminResource.externalId(), agent.account().admin().id(),
                agent.account().admin().id());
        try {
            await().atMost(WAIT).until(() -> jdbc.sql("""
                            select count(*) from callback_registrations
                             where account_id = :id and outcome = 'REGISTERED'
                            """).param("id", agent.account().id()).query(Long.class).single() == 1);
            String token = agent.account().admin().token();

            JsonNode passed = smokeTest(token);
            assertThat(passed.path("state").asString()).as(passed.toString()).isEqualTo("PASSED");
            assertThat(passed.path("steps")).hasSize(4).allSatisfy(step -> {
                assertThat(step.path("state").asString()).isEqualTo("PASSED");
                assertThat(step.path("millis").isNumber()).isTrue();
            });
            long ticketId = passed.path("ticketId").asLong();
            String completed = psa.ticketState(ticketId).status();
            assertThat(mirror.find(agent.account().id(), MirroredEntity.TICKETS, ticketId)).isPresent();

            psa.faultWrites(HelpdeskEntity.TICKETS, FaultRule.Kind.ERROR_BEFORE, 503, null, 1, 0);
            JsonNode failed = smokeTest(token);
            assertThat(failed.path("state").asString()).as(failed.toString()).isEqualTo("FAILED");
            JsonNode steps = failed.path("steps");
            assertThat(steps.get(0).path("state").asString()).isEqualTo("PASSED");
            assertThat(steps.get(1).path("state").asString()).isEqualTo("PASSED");
            assertThat(steps.get(2).path("state").asString()).isEqualTo("FAILED");
            assertThat(steps.get(2).path("detail").asString()).contains("503", "keeps retrying");
            assertThat(steps.get(3).path("state").asString()).isEqualTo("SKIPPED");
            assertThat(psa.ticketState(failed.path("ticketId").asLong()).status()).isNotEqualTo(completed);
            assertThat(api("POST", "/api/v1/helpdesk/smoke-test", agent.user().token(), "").statusCode())
                    .isEqualTo(403);
        } finally {
            // The other cases count on an unmapped admin.
            mappings.unbind(agent.account().id(), adminResource.externalId(), agent.account().admin().id());
        }
    }

    JsonNode smokeTest(String token) {
        var started = api("POST", "/api/v1/helpdesk/smoke-test", token, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/helpdesk/smoke-test/" + JSON.readTree(started.body()).path("id").asLong();
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(token, path), test -> !test.path("state").asString().equals("RUNNING"));
    }

    /** An account connected to the PSA whose agent is mapped to an active helpdesk user. */
    record Agent(TestAccount account, TestUser user, HelpdeskUser resource) {
    }

    /** One connected account per PSA for the whole class: a backfill per case would cost more than the cases. */
    private final java.util.Map<SimulatedPsa, Agent> agents = new java.util.HashMap<>();

    Agent connectedAgent(SimulatedPsa psa, String label) {
        return agents.computeIfAbsent(psa, p -> connect(p, label));
    }

    private Agent connect(SimulatedPsa psa, String label) {
        return connect(psa, label, NO_POLLING);
    }

    private Agent connect(SimulatedPsa psa, String label, SyncSettings settings) {
        TestAccount account = fixtures().account(label + " " + psa);
        PsaSuite.connect(connections, jdbc, account.id(), psa, settings, WAIT);
        HelpdeskUser resource = mirror.helpdeskUsers(account.id(), true).stream()
                .filter(u -> psa.kind() != horizon.helpdesk.HelpdeskKind.AUTOTASK || !u.roles().isEmpty())
                .findFirst().orElseThrow();
        mappings.bind(account.id(), resource.externalId(), account.agent().id(), account.admin().id());
        return new Agent(account, account.agent(), resource);
    }

    /** A ticket that is neither completed nor assigned to the agent's resource. */
    HelpdeskTicket openTicket(Agent agent) {
        return mirror.loadAll(agent.account().id(), MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null)
                .filter(t -> !Long.valueOf(agent.resource().externalId()).equals(t.assigneeResourceId()))
                .filter(t -> checks.statuses(agent.account().id(), connections.kind(agent.account().id()).orElseThrow(),
                        t).size() >= 2)
                .findFirst().orElseThrow();
    }

    String otherStatus(Agent agent, HelpdeskTicket ticket) {
        HelpdeskTicket now = mirror.find(agent.account().id(), MirroredEntity.TICKETS, ticket.externalId())
                .orElseThrow();
        return checks.statuses(agent.account().id(), connections.kind(agent.account().id()).orElseThrow(), now)
                .stream().map(PicklistValue::value).filter(v -> !v.equals(now.status()))
                .filter(v -> !v.equals("5")).findFirst().orElseThrow();
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    JsonNode post(String token, String path, String body, int expected) {
        var response = api("POST", path, token, body);
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    JsonNode get(String token, String path) {
        var response = apiGet(path, token);
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
