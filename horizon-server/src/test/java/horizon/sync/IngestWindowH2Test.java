package horizon.sync;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.autotask.AutotaskCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorCounters;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.store.Timestamps;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widening the ingest window after the first backfill, against a simulator of its own (so its request counters hold
 * this account's requests only): the older tickets arrive with their notes and time entries, and nothing already
 * covered is read again. An MSP with two months of busy history, so the covered month alone fills several pages.
 */
class IngestWindowH2Test extends HorizonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final AutotaskSimulator SIMULATOR = AutotaskSimulator.start(SimulatorOptions.defaults()
            .withSize(new SimulatorOptions.MspSize(20, 100, 6, 6000, 2)));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SIMULATOR::close, "autotask-simulator-stop"));
    }

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        AutotaskPsa.horizonProperties(SIMULATOR).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("horizon.sync.dispatch-interval", () -> "1s");
        String url = "jdbc:h2:mem:window-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        registry.add("spring.datasource.url", () -> url);
    }

    @Autowired
    HelpdeskConnections connections;
    @Autowired
    SyncRunRepository runs;
    @Autowired
    MirrorQueries mirror;

    @Test
    void aWiderWindowReadsOnlyTheOlderTicketsWithTheirNotesAndTimeEntries() {
        TestAccount account = fixtures().account("Window");
        connect(account.id(), 30);
        SyncRun first = awaitFinished(() -> runs.latestBackfill(account.id()));
        Instant covered = first.windowStart();
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());

        JsonNode tickets = SIMULATOR.control().dump().path("entities").path("Tickets");
        long older = StreamSupport.stream(tickets.spliterator(), false)
                .filter(t -> lastActivity(t).isBefore(covered)).count();
        long inWindow = tickets.size() - older;
        assertThat(older).as("tickets older than the first window").isPositive();
        // The covered month fills more pages than a widening may use beyond its own: a re-read would show.
        assertThat(inWindow).isGreaterThan(2000);
        SimulatorCounters before = SIMULATOR.control().counters();

        saveWindow(admin, 3650);
        SyncRun widened = awaitFinished(() -> runs.latestWidening(account.id()));
        SimulatorCounters after = SIMULATOR.control().counters();

        // Every ticket now in the window is mirrored, with exactly the simulator's notes and time entries.
        SimulatorMirror.assertMirrors(AutotaskPsa.of(SIMULATOR), mirror, account.id(), widened.windowStart());
        assertThat(widened.kind()).isEqualTo(SyncKind.BACKFILL);
        assertThat(widened.triggeredBy()).isEqualTo("settings");
        assertThat(widened.windowEnd()).isEqualTo(covered);
        assertThat(widened.counts().get("tickets").fetched()).isEqualTo(older);
        assertThat(widened.counts().get("tickets").inserted()).isEqualTo(older);
        assertThat(widened.counts().get("ticket_notes").inserted()).isPositive();
        assertThat(widened.counts().get("time_entries").inserted()).isPositive();
        // One count, the older tickets' pages and at most one partial page per parallel segment; the covered tickets
        // alone would need more pages than that slack.
        long ticketRequests = requests(after, "Tickets") - requests(before, "Tickets");
        long olderPages = (older + 499) / 500;
        assertThat(ticketRequests).isLessThanOrEqualTo(1 + olderPages + 3)
                .isLessThan(olderPages + (inWindow + 499) / 500);

        // The Sync Run logs page and the API say what the run covered.
        assertThat(admin.get("/admin/helpdesk/sync-runs?kind=BACKFILL").html().select("#run-" + widened.id()).text())
                .contains("ingest window widened from 30 to 3650 days");
        JsonNode listed = JSON.readTree(apiGet("/api/v1/sync-runs/" + widened.id(), account.admin().token()).body());
        assertThat(listed.path("scope").asString()).startsWith("ingest window widened from 30 to 3650 days");
        assertThat(Instant.parse(listed.path("windowEnd").asString())).isEqualTo(covered);

        // The same window saved again, and a narrower one: nothing to read, nothing deleted.
        long mirrored = mirror.count(account.id(), MirroredEntity.TICKETS).live();
        saveWindow(admin, 3650);
        saveWindow(admin, 7);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() ->
                runs.count(account.id(), SyncKind.BACKFILL, null) == 2);
        assertThat(mirror.count(account.id(), MirroredEntity.TICKETS).live()).isEqualTo(mirrored);
    }

    private void connect(long accountId, int windowDays) {
        assertThat(connections.saveSettings(accountId,
                new SyncSettings(true, true, true, true, true, true, windowDays, 300))).isEmpty();
        ApiUser user = SIMULATOR.apiUser();
        var credentials = AutotaskCredentials.of(user.userName(), user.secret(), user.integrationCode());
        ConnectionTestOutcome outcome = connections.test(HelpdeskKind.AUTOTASK, credentials);
        assertThat(outcome.ok()).isTrue();
        connections.connect(accountId, HelpdeskKind.AUTOTASK, credentials, outcome.result());
    }

    /** Saves the sync settings on the Helpdesk Configuration page, as an admin does. */
    private static void saveWindow(WebSession admin, int days) {
        WebSession.Page saved = admin.post("/admin/helpdesk/configuration/sync-settings", Map.of(
                "tickets", "true", "companies", "true", "contacts", "true", "helpdeskUsers", "true",
                "notes", "true", "timeEntries", "true",
                "ingestWindowDays", String.valueOf(days), "pollingIntervalSeconds", "300"));
        assertThat(saved.redirectsTo("/admin/helpdesk/configuration")).as(saved.body()).isTrue();
    }

    private SyncRun awaitFinished(java.util.function.Supplier<java.util.Optional<SyncRun>> run) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> run.get().filter(r -> r.state().finished()).isPresent());
        SyncRun finished = run.get().orElseThrow();
        assertThat(finished.state()).as(finished.error()).isEqualTo(SyncState.SUCCEEDED);
        return finished;
    }

    private static Instant lastActivity(JsonNode ticket) {
        return Timestamps.parse(ticket.path("lastActivityDate").asString());
    }

    private static long requests(SimulatorCounters counters, String endpoint) {
        return counters.requests().getOrDefault(endpoint, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
