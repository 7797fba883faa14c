package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.sync.SyncNow;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.PsaSuite;
import horizon.testsupport.SimulatedPsa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The callback pipeline against each simulated PSA over real HTTP: the PSA calls Horizon's door, the processor reads
 * the PSA, the mirror changes. Subclassed once per store; every case runs once per PSA in one shared context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallbackPipelineCases extends HorizonTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    /** Polling that never comes during a case: what arrives, arrives by callback. */
    static final SyncSettings NO_POLLING = new SyncSettings(true, true, true, true, true, true, 30, 86_400);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    HelpdeskConnections connections;
    @Autowired
    MirrorQueries mirror;
    @Autowired
    SyncNow syncNow;
    @Autowired
    WebhookStore webhooks;

    protected abstract List<SimulatedPsa> psas();

    static void register(DynamicPropertyRegistry registry, List<SimulatedPsa> psas, boolean ownH2) {
        PsaSuite.register(registry, psas, ownH2 ? "callbacks" : null);
        registry.add("horizon.sync.dispatch-interval", () -> "1s");
        registry.add("horizon.callbacks.check-interval", () -> "2s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aTicketCreatedInThePsaIsInHorizonsApiWithinTwoSecondsWithPollingOff(SimulatedPsa psa) {
        TestAccount account = connected(psa, "Real time");

        long started = System.nanoTime();
        long ticketId = psa.createTicket("Outlook asks for the password again");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> apiGet("/api/v1/tickets/" + ticketId, account.admin().token()).statusCode() == 200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("PSA change to Horizon's API").isLessThan(Duration.ofSeconds(2));
        JsonNode ticket = JSON.readTree(apiGet("/api/v1/tickets/" + ticketId, account.admin().token()).body());
        assertThat(ticket.path("title").asString()).isEqualTo("Outlook asks for the password again");
        List<LoggedCall> calls = inbox().about(account.id(), ticketId, null, 10);
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call.signature()).isIn("VALID", "VALID_ESCAPED"));
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.state()).isEqualTo(InboxState.PROCESSED);
            assertThat(call.outcome()).isEqualTo(InboxOutcome.INSERTED);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void forgedCrossAccountUnknownOversizedAndMalformedCallsAreRejectedLoggedAndChangeNothing(SimulatedPsa psa)
            throws Exception {
        TestAccount account = connected(psa, "Door");
        TestAccount other = connected(psa, "Other door");
        long ticketId = psa.createTicket("Genuine change");
        LoggedCall genuine = await().atMost(WAIT).until(() -> inbox().about(account.id(), ticketId, null, 10)
                .stream().filter(c -> c.state() == InboxState.PROCESSED).findFirst().orElse(null), c -> c != null);
        Map<String, String> headers = JSON.readValue(genuine.headers(),
                new tools.jackson.core.type.TypeReference<java.util.TreeMap<String, String>>() { });
        String segment = genuine.psa();
        String url = hookUrl(segment, account.accountKey());
        long ticketsBefore = mirror.count(account.id(), MirroredEntity.TICKETS).live();

        // The same body with one byte changed: the signature no longer holds.
        String forged = genuine.payload().replace(Long.toString(ticketId), Long.toString(ticketId + 1_000_000));
        assertThat(post(url, forged, headers).statusCode()).isEqualTo(401);
        // A genuine call of one account sent to another account's address.
        assertThat(post(hookUrl(segment, other.accountKey()), genuine.payload(), headers).statusCode()).isEqualTo(401);
        // An address no account has: nothing to log it under.
        assertThat(post(hookUrl(segment, "no-such-key-" + UUID.randomUUID()), genuine.payload(), headers)
                .statusCode()).isEqualTo(404);
        // The account's key under another PSA's path.
        String otherSegment = segment.equals("autotask") ? "connectwise" : "autotask";
        assertThat(post(hookUrl(otherSegment, account.accountKey()), genuine.payload(), headers).statusCode())
                .isEqualTo(404);
        assertThat(post(url, "{\"Action\":", headers).statusCode()).isEqualTo(400);
        assertThat(post(url, "x".repeat(1024 * 1024 + 1), headers).statusCode()).isEqualTo(413);

        List<LoggedCall> rejected = inbox().page(account.id(), new InboxRepository.Filter(InboxState.REJECTED, null,
                null, null, null, null), 0, 20);
        assertThat(rejected).extracting(LoggedCall::httpStatus).contains(401, 404, 400, 413);
        assertThat(inbox().page(other.id(), new InboxRepository.Filter(InboxState.REJECTED, null, null, null, null,
                null), 0, 20)).extracting(LoggedCall::httpStatus).containsExactly(401);
        assertThat(rejected).filteredOn(c -> c.httpStatus() == 401).first()
                .satisfies(c -> assertThat(c.signature()).isIn("INVALID", "NOT_CHECKED"));
        // Nothing of them was queued (only genuine calls of either account may be) and the mirror holds what it held.
        assertThat(inbox().about(account.id(), ticketId + 1_000_000, null, 10))
                .allSatisfy(call -> assertThat(call.state()).isEqualTo(InboxState.REJECTED));
        assertThat(mirror.count(account.id(), MirroredEntity.TICKETS).live()).isEqualTo(ticketsBefore);
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, ticketId + 1_000_000)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void droppedDuplicatedReorderedAndDelayedDeliveriesConvergeOncePollingHasRun(SimulatedPsa psa) {
        TestAccount account = connected(psa, "Faults");
        List<Long> tickets = mirror.loadAll(account.id(), MirroredEntity.TICKETS).stream().limit(20)
                .map(t -> t.externalId()).toList();
        psa.deliveryFaults().dropRate(0.2).duplicateRate(0.1).lateDuplicate(0.1, Duration.ofMillis(500))
                .reorderRate(0.2).delay(Duration.ofMillis(50));
        try {
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                created.add(psa.createTicket("Fault run " + i));
            }
            for (long ticketId : tickets) {
                psa.retitle(ticketId, "Retitled under faults " + ticketId);
                psa.addNote(ticketId, "Under faults", "A note while deliveries misbehave");
            }
            psa.deleteTicket(tickets.get(0));
            psa.changeStatus(tickets.get(1));
        } finally {
            psa.deliveryFaults().reset();
        }
        // Let the late duplicates and held-back deliveries land, then the safety net runs once.
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> queued(account.id()) == 0);
        long poll = syncNow.syncEverything(account.id());
        await().atMost(WAIT).until(() -> syncNow.run(account.id(), poll).orElseThrow().state().finished());
        await().atMost(WAIT).until(() -> queued(account.id()) == 0);

        horizon.sync.SimulatorMirror.assertMirrors(psa, mirror, account.id(), backfillWindowStart(account.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aWebhookThePsaSwitchedOffAfterFailedDeliveriesIsRegisteredAgainAndDeliveryResumes(SimulatedPsa psa) {
        TestAccount account = connected(psa, "Switched off");
        long switchedOff = psa.webhooksSwitchedOff();
        List<Long> tickets = mirror.loadAll(account.id(), MirroredEntity.TICKETS).stream().limit(5)
                .map(t -> t.externalId()).toList();
        int[] round = {0};
        psa.failDeliveriesUntilSwitchedOff(() -> psa.retitle(tickets.get(round[0] % tickets.size()),
                "Failing delivery " + round[0]++));
        assertThat(psa.webhooksSwitchedOff()).isGreaterThan(switchedOff);
        // Found (a deactivation notice, or the periodic check) and registered again, then calls arrive again.
        WebhookRegistrar registrar = context.getBean(WebhookRegistrar.class);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var states = registrar.inspect(account.id());
            return !states.isEmpty() && states.stream().allMatch(horizon.helpdesk.HookState::healthy);
        });
        long ticketId = psa.createTicket("After the repair " + UUID.randomUUID());
        await().atMost(WAIT).until(() -> inbox().about(account.id(), ticketId, null, 10).stream()
                .anyMatch(call -> call.state() == InboxState.PROCESSED));
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, ticketId)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void thePeriodicCheckComparesAnAccountsWebhooksOnceItsLastCheckIsAnIntervalOldNotOnEveryTick(SimulatedPsa psa)
            throws InterruptedException {
        TestAccount account = connected(psa, "Checked");
        // check-interval is 2 s here, so the check task ticks every 200 ms: watch when the account was checked.
        List<java.time.Instant> checks = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(9).toNanos();
        while (System.nanoTime() < until) {
            java.time.Instant checkedAt = jdbc.sql("select checked_at from callback_registrations where account_id = :id")
                    .param("id", account.id()).query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class)
                            .toInstant()).single();
            if (checks.isEmpty() || !checks.get(checks.size() - 1).equals(checkedAt)) {
                checks.add(checkedAt);
            }
            Thread.sleep(50);
        }
        assertThat(checks).as("checked (or registered) at").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < checks.size(); i++) {
            assertThat(Duration.between(checks.get(i - 1), checks.get(i))).as("between checks")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        assertThat(webhooks.registration(account.id()).map(WebhookRegistration::succeeded)).contains(true);
    }

    // ---- helpers ----

    TestAccount connected(SimulatedPsa psa, String label) {
        TestAccount account = fixtures().account(label + " " + psa);
        PsaSuite.connect(connections, jdbc, account.id(), psa, NO_POLLING, WAIT);
        // The first poll follows the backfill at once and reads what changed meanwhile; a case's own change must
        // arrive by callback, so it starts once that poll has finished.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        select count(*) from sync_runs where account_id = :id and kind = 'DELETES'
                           and state in ('SUCCEEDED', 'FAILED')""").param("id", account.id()).query(Long.class)
                .single() >= 1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> webhooks.registration(account.id())
                .map(WebhookRegistration::succeeded).orElse(false));
        return account;
    }

    java.time.Instant backfillWindowStart(long accountId) {
        return jdbc.sql("select window_start from sync_runs where account_id = :id and kind = 'BACKFILL'")
                .param("id", accountId).query((rs, n) -> horizon.account.Timestamps.read(rs, "window_start")).single();
    }

    InboxRepository inbox() {
        return context.getBean(InboxRepository.class);
    }

    long queued(long accountId) {
        return inbox().count(accountId, new InboxRepository.Filter(InboxState.QUEUED, null, null, null, null, null));
    }

    String hookUrl(String segment, String accountKey) {
        return baseUrl() + "/hooks/" + segment + "/" + accountKey;
    }

    static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach((name, value) -> {
            if (name.startsWith("x-") || name.equals("content-type")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
