package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import horizon.account.Accounts;
import horizon.account.HorizonUser;
import horizon.account.Role;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.testsupport.SimulatedPsa;
import horizon.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
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
 * The sync engine against each simulated PSA (the default MSP) over real HTTP, on one store; subclassed once per
 * store. Every case runs once per PSA in one shared context; each subclass has its own simulators and database, so
 * request counters and scheduled tasks are its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SyncEngineCases extends HorizonTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    HelpdeskConnections connections;
    @Autowired
    MirrorQueries mirror;
    @Autowired
    SyncRunRepository runs;
    @Autowired
    SyncNow syncNow;
    @Autowired
    ReconcilingListings listings;
    @Autowired
    ConnectedAccounts connectedAccounts;
    @Autowired
    SyncScheduleRepository schedule;
    @Autowired
    Clock clock;

    /** This class's simulated PSAs, one per PSA Horizon connects; every case runs against each. */
    protected abstract List<SimulatedPsa> psas();

    /** Horizon pointed at every simulator, on a database of its own when the store is H2. */
    static void register(DynamicPropertyRegistry registry, List<SimulatedPsa> psas, boolean ownH2) {
        psas.forEach(psa -> psa.properties().forEach((name, value) -> registry.add(name, () -> value)));
        // This suite proves what polling alone does, so webhooks are dead here: every call the simulators would make
        // is dropped (the callback suites cover them, and what polling does when they fail).
        psas.forEach(psa -> psa.deliveryFaults().dropRate(1.0));
        registry.add("horizon.sync.dispatch-interval", () -> "1s");
        // Short pauses after failures, so a case sees them grow within seconds.
        registry.add("horizon.sync.retry-pause", () -> "2s");
        registry.add("horizon.sync.max-retry-pause", () -> "8s");
        // A short deadline, so a stalled answer is cut off within seconds.
        registry.add("horizon.autotask.request-timeout", () -> "3s");
        registry.add("horizon.connectwise.request-timeout", () -> "3s");
        if (ownH2) {
            String url = "jdbc:h2:mem:sync-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            registry.add("spring.datasource.url", () -> url);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void afterConnectTheMirrorEqualsTheSimulatorInsideTheIngestWindow(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Backfill");

        connect(psa, account.id(), SyncSettings.defaults());
        SyncRun backfill = awaitBackfill(account.id());

        SimulatorMirror.assertMirrors(psa, mirror, account.id(), backfill.windowStart());
        assertThat(backfill.triggeredBy()).isEqualTo("connect");
        assertThat(backfill.apiRequests()).isPositive();
        assertThat(backfill.progressTotal()).isPositive();
        assertThat(backfill.progressDone()).isEqualTo(backfill.progressTotal());
        assertThat(backfill.counts().get("tickets").inserted()).isPositive();
        assertThat(backfill.counts().get("ticket_notes").inserted()).isPositive();
        // The gate keeps Horizon to 3 requests in flight per endpoint (Autotask) or 4 per tenant (ConnectWise); the
        // simulator may count one more while it finishes an answer the client already has.
        assertThat(psa.peakConcurrency()).isLessThanOrEqualTo(5);

        // The configuration page shows the budget Horizon itself used, as the rate gate counted it.
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());
        String shown = admin.get("/admin/helpdesk/configuration").html().select("#horizon-requests strong").text();
        assertThat(Long.parseLong(shown)).isGreaterThanOrEqualTo(backfill.apiRequests());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aPollBringsInChangesNewTicketsAndDeletions(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Polling");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        HelpdeskTicket changed = mirror.loadAll(account.id(), MirroredEntity.TICKETS).get(0);
        HelpdeskTicket deleted = mirror.loadAll(account.id(), MirroredEntity.TICKETS).get(1);

        String inProgress = psa.changeStatus(changed.externalId());
        long noteId = psa.addNote(changed.externalId(), "Called the customer", "Printer works again.");
        long created = psa.createTicket("VPN drops every hour");
        long createdNote = psa.addNote(created, "First look", "Checking the firewall logs.");
        psa.deleteTicket(deleted.externalId());
        long poll = syncNow.syncEverything(account.id());
        SyncRun run = awaitRun(account.id(), poll);

        assertThat(run.state()).as(run.error()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, changed.externalId()).orElseThrow().status())
                .isEqualTo(inProgress);
        assertThat(mirror.find(account.id(), MirroredEntity.TICKET_NOTES, noteId)).isPresent();
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, created).orElseThrow().title())
                .isEqualTo("VPN drops every hour");
        assertThat(mirror.find(account.id(), MirroredEntity.TICKET_NOTES, createdNote)).isPresent();
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, deleted.externalId())).isEmpty();
        assertThat(mirror.count(account.id(), MirroredEntity.TICKETS).tombstoned()).isEqualTo(1);
        // A scheduled run that follows the backfill may have found the deletion first: one of the runs counts it.
        assertThat(runs.page(account.id(), null, null, 0, 100).stream()
                .mapToLong(r -> r.counts().getOrDefault("tickets", EntityCounts.NONE).deleted()).sum()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aStalledAnswerFailsItsCallWithinTheDeadlineAndFreesItsSlotSoSyncGoesOn(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Stalled answer");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        long created = psa.createTicket("Stalled on the way");
        // The stalls are aimed at a route, not an account: no scheduled poll of any account may take them.
        for (long connected : connections.connectedAccountIds()) {
            schedule.stamp(connected, SyncingAccount.POLL_JOB, clock.instant());
            schedule.stamp(connected, SyncingAccount.RECONCILE_JOB, clock.instant());
        }
        try {
            // One stalled answer: cut off at the 3 s deadline, asked again, and the run succeeds.
            psa.stallTicketReads(1, Duration.ofSeconds(60));
            SyncRun once = awaitRun(account.id(), syncNow.syncEverything(account.id()));
            assertThat(once.state()).as(once.error()).isEqualTo(SyncState.SUCCEEDED);
            assertThat(Duration.between(once.startedAt(), once.finishedAt())).isLessThan(Duration.ofSeconds(30));
            assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, created)).isPresent();

            // Three in a row: the read fails as timed out, well before the stall would have ended...
            psa.clearFaults();
            psa.stallTicketReads(3, Duration.ofSeconds(60));
            SyncRun failed = awaitRun(account.id(), syncNow.syncEverything(account.id()));
            assertThat(failed.state()).isEqualTo(SyncState.FAILED);
            assertThat(failed.error()).startsWith("Timed out").contains("within 3 s");
            assertThat(Duration.between(failed.startedAt(), failed.finishedAt())).isLessThan(Duration.ofSeconds(40));
        } finally {
            psa.clearFaults();
        }
        // ...and every request slot is free again: the next run reads as usual.
        String status = psa.changeStatus(created);
        SyncRun next = awaitRun(account.id(), syncNow.syncEverything(account.id()));
        assertThat(next.state()).as(next.error()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, created).orElseThrow().status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void picklistsComeWithTheirRolesAndHelpdeskUsersAreMappedByEmail(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Picklists and mapping");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());

        // Every picklist under the PSA's own names, the status list found by its neutral role.
        JsonNode picklists = JSON.readTree(apiGet("/api/v1/picklists", account.admin().token()).body()).path("items");
        JsonNode status = null;
        for (JsonNode picklist : picklists) {
            if (picklist.path("role").asString().equals("STATUS")) {
                status = picklist;
            }
        }
        assertThat(status).as("a picklist with the STATUS role among %s", picklists.findValuesAsString("field"))
                .isNotNull();
        assertThat(status.path("values").size()).isPositive();
        assertThat(picklists.findValuesAsString("role")).contains("PRIORITY", "QUEUE", "NOTE_VISIBILITY");
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());
        assertThat(admin.open("/admin/helpdesk/picklists").html().select("main").text())
                .contains(status.path("label").asString(), status.path("values").get(0).path("label").asString());

        // A Horizon agent with a helpdesk user's e-mail is suggested for it, and the admin maps them.
        HelpdeskUser technician = mirror.loadAll(account.id(), MirroredEntity.HELPDESK_USERS).stream()
                .filter(u -> u.active() && u.email() != null && u.email().contains("@")).findFirst().orElseThrow();
        HorizonUser agent = context.getBean(Accounts.class).addUser(account.id(), technician.email(),
                technician.firstName() + " " + technician.lastName(), "agent-pass-" + technician.externalId(),
                Role.AGENT);
        JsonNode listed = JSON.readTree(apiGet("/api/v1/helpdesk-users/" + technician.externalId(),
                account.admin().token()).body());
        assertThat(listed.path("suggestion").path("id").asLong()).isEqualTo(agent.id());
        HttpResponse<String> mapped = api("PUT", "/api/v1/helpdesk-users/" + technician.externalId() + "/mapping",
                account.admin().token(), "{\"horizonUserId\":" + agent.id() + "}");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
        assertThat(JSON.readTree(mapped.body()).path("mapping").path("horizonUser").path("id").asLong())
                .isEqualTo(agent.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aPollThatFindsNothingCostsOneRequestPerEntity(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Quiet");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        ConnectedAccount real = connectedAccounts.open(account.id()).orElseThrow();
        // The run counts the calls of this account only (others share the simulator's API user and its gate).
        ConnectedAccount counted = withReader(real, new DelegatingReader(real.reader()));
        // Nothing changes in the simulator; a poll right after the first one reads only its overlap's worth.
        SyncRun first = pollOnce(counted);
        SyncRun second = pollOnce(counted);

        assertThat(first.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(second.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(second.apiRequests()).isEqualTo(Streams.WATERMARKED.stream()
                .filter(real.reader().capabilities()::watermarked).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void oneTicketIsSyncedByIdThroughTheApi(SimulatedPsa psa) throws Exception {
        TestAccount account = fixtures().account("One ticket");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        long ticket = psa.createTicket("Outlook asks for the password");
        long note = psa.addNote(ticket, "Reset", "Password reset, profile rebuilt.");

        HttpResponse<String> answer = apiPost("/api/v1/sync/tickets/" + ticket, account.admin().token());
        assertThat(answer.statusCode()).isEqualTo(202);
        long runId = JSON.readTree(answer.body()).path("runId").asLong();
        SyncRun run = awaitRun(account.id(), runId);

        assertThat(run.state()).as(run.error()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.kind()).isEqualTo(SyncKind.SINGLE_TICKET);
        assertThat(mirror.ticketDetail(account.id(), ticket).orElseThrow().notes())
                .extracting(HelpdeskRecord::externalId).containsExactly(note);
        JsonNode listed = JSON.readTree(apiGet("/api/v1/sync-runs?kind=SINGLE_TICKET", account.admin().token()).body());
        assertThat(listed.path("items").get(0).path("id").asLong()).isEqualTo(runId);
        assertThat(apiGet("/api/v1/sync-runs/" + runId, account.admin().token()).statusCode()).isEqualTo(200);
        TestAccount other = fixtures().account("Other");
        assertThat(apiGet("/api/v1/sync-runs/" + runId, other.admin().token()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aSuccessWithoutItsListIsAFailedReadNeverAnEmptyOne(SimulatedPsa psa) throws Exception {
        TestAccount account = fixtures().account("No list");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        long ticket = psa.createTicket("Scanner drops off the network");
        long note = psa.addNote(ticket, "Checked", "DHCP lease renewed.");
        assertThat(awaitRun(account.id(), syncTicket(ticket, account)).state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(mirror.find(account.id(), MirroredEntity.TICKET_NOTES, note)).isPresent();

        psa.answerNoteListingsWithoutAList();
        try {
            SyncRun run = awaitRun(account.id(), syncTicket(ticket, account));
            assertThat(run.state()).isEqualTo(SyncState.FAILED);
            assertThat(run.error()).contains("with success but without", "will ask again");
            assertThat(mirror.find(account.id(), MirroredEntity.TICKET_NOTES, note)).as("not tombstoned").isPresent();
        } finally {
            psa.clearFaults();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aSyncAskedForAgainWhileItWaitsIsTheSameRunAndAFullQueueSaysSo(SimulatedPsa psa) throws Exception {
        TestAccount account = fixtures().account("Queue");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        // The account's sync task is held, as a long run on another node holds it: what is asked now waits.
        schedule.stamp(account.id(), SyncingAccount.POLL_JOB, clock.instant());
        schedule.stamp(account.id(), SyncingAccount.RECONCILE_JOB, clock.instant());
        String instance = String.valueOf(account.id());
        SyncDueRepository due = context.getBean(SyncDueRepository.class);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            due.save(account.id(), new SyncDueRepository.Due(clock.instant().plus(Duration.ofHours(1)), 0, null),
                    clock.instant());
            return jdbc.sql("select count(*) from scheduled_tasks where task_name = :task and task_instance = :instance")
                    .param("task", SyncScheduling.ACCOUNT_TASK).param("instance", instance).query(Long.class)
                    .single() == 0;
        });
        jdbc.sql("""
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                             last_heartbeat, version)
                values (:task, :instance, :now, true, 'another-node', :now, 1)""")
                .param("task", SyncScheduling.ACCOUNT_TASK).param("instance", instance)
                .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).update();
        try {
            syncNow.syncEverything(account.id());

            long users = syncNow.syncUsers(account.id());
            assertThat(syncNow.syncUsers(account.id())).as("the same run, waiting").isEqualTo(users);
            long ticket = syncNow.syncTicket(account.id(), "T20000101.0001");
            assertThat(syncNow.syncTicket(account.id(), " T20000101.0001 ")).isEqualTo(ticket);
            assertThat(syncNow.syncTicket(account.id(), "T20000101.0002")).isNotEqualTo(ticket);
            for (int i = 3; runs.queued(account.id()).size() < SyncNow.MAX_WAITING; i++) {
                syncNow.syncTicket(account.id(), "T20000101.000" + i);
            }
            assertThatThrownBy(() -> syncNow.syncTicket(account.id(), "T20000101.9999"))
                    .isInstanceOf(SyncNow.TooManyWaiting.class);
            HttpResponse<String> refused = apiPost("/api/v1/sync/tickets/T20000101.9999", account.admin().token());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(refused.body()).path("message").asString()).contains("waiting to run already");
            // Asking again for one that waits is still answered with it.
            assertThat(apiPost("/api/v1/sync/tickets/T20000101.0001", account.admin().token()).statusCode())
                    .isEqualTo(202);
            assertThat(runs.queued(account.id())).hasSizeLessThanOrEqualTo(SyncNow.MAX_WAITING);
        } finally {
            // The other node lets go; what waits is run next.
            jdbc.sql("delete from scheduled_tasks where task_name = :task and task_instance = :instance")
                    .param("task", SyncScheduling.ACCOUNT_TASK).param("instance", instance).update();
            context.getBean(SyncingAccount.class).dueNow(account.id());
        }
        await().atMost(WAIT).until(() -> runs.queued(account.id()).isEmpty());
    }

    private long syncTicket(long ticket, TestAccount account) throws Exception {
        HttpResponse<String> answer = apiPost("/api/v1/sync/tickets/" + ticket, account.admin().token());
        assertThat(answer.statusCode()).isEqualTo(202);
        return JSON.readTree(answer.body()).path("runId").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aTicketTheMirrorDoesNotKnowIsSyncedByItsNumberThroughTheApi(SimulatedPsa psa) throws Exception {
        TestAccount account = fixtures().account("By number");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        // Created after the backfill and synced before any poll could bring it: the mirror has never seen its number.
        long ticket = psa.createTicket("Scanner sends nothing to e-mail");
        long note = psa.addNote(ticket, "SMTP relay", "The relay refused the scanner's address.");
        String number = psa.ticketNumber(ticket);
        assertThat(mirror.ticketByNumber(account.id(), number)).isEmpty();

        HttpResponse<String> answer = apiPost("/api/v1/sync/tickets/" + number, account.admin().token());
        assertThat(answer.statusCode()).isEqualTo(202);
        SyncRun run = awaitRun(account.id(), JSON.readTree(answer.body()).path("runId").asLong());

        assertThat(run.state()).as(run.error()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.target()).isEqualTo(number);
        assertThat(mirror.ticketByNumber(account.id(), number).orElseThrow().externalId()).isEqualTo(ticket);
        assertThat(mirror.ticketDetail(account.id(), ticket).orElseThrow().notes())
                .extracting(HelpdeskRecord::externalId).containsExactly(note);

        // A number the helpdesk does not know either: the run fails and says which number it looked for.
        HttpResponse<String> unknown = apiPost("/api/v1/sync/tickets/T20000101.9999", account.admin().token());
        SyncRun missing = awaitRun(account.id(), JSON.readTree(unknown.body()).path("runId").asLong());
        assertThat(missing.state()).isEqualTo(SyncState.FAILED);
        assertThat(missing.error()).isEqualTo("The helpdesk has no ticket with the number \"T20000101.9999\".");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aListingMissingMoreThanTheShareDeletesNothingAndSaysSo(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Guard");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        ConnectedAccount real = connectedAccounts.open(account.id()).orElseThrow();
        long users = mirror.count(account.id(), MirroredEntity.HELPDESK_USERS).live();

        // The PSA answers with only two users (a permission removed): far more than 25% would go.
        ConnectedAccount truncated = withReader(real, new DroppingReader(real.reader(), 2));
        SyncRun refused = reconcileUsers(truncated);

        assertThat(refused.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(refused.warnings()).contains("Refused to delete " + (users - 2) + " of " + users);
        assertThat(mirror.count(account.id(), MirroredEntity.HELPDESK_USERS).live()).isEqualTo(users);

        // One user gone is within the share: it is tombstoned.
        SyncRun allowed = reconcileUsers(withReader(real, new DroppingReader(real.reader(), (int) users - 1)));
        assertThat(allowed.warnings()).isNull();
        assertThat(mirror.count(account.id(), MirroredEntity.HELPDESK_USERS).live()).isEqualTo(users - 1);
        assertThat(allowed.counts().get("helpdesk_users").deleted()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aListingThatFailsHalfWayDeletesNothing(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Failed pass");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        ConnectedAccount real = connectedAccounts.open(account.id()).orElseThrow();
        long users = mirror.count(account.id(), MirroredEntity.HELPDESK_USERS).live();
        ConnectedAccount failing = withReader(real, new FailingAfterFirstPageReader(real.reader()));
        long runId = runs.start(account.id(), SyncKind.USERS, "test", null, null, "test", clock.instant());
        RunLog log = new RunLog(account.id(), runId, runs, clock, () -> 0);

        assertThatThrownBy(() -> listings.helpdeskUsers(failing, log, true)).isInstanceOf(HelpdeskException.class);
        assertThat(mirror.count(account.id(), MirroredEntity.HELPDESK_USERS).live()).isEqualTo(users);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aRunWhoseNodeStoppedBeatingIsMarkedInterruptedNeverSucceeded(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Stalled");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        // A poll started ten minutes ago on a node that has since died: its heartbeat is as old.
        long stalled = runs.start(account.id(), SyncKind.POLL, "schedule", null, null, "dead-node",
                clock.instant().minus(Duration.ofMinutes(10)));

        SyncRun run = awaitRun(account.id(), stalled);

        assertThat(run.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(run.error()).contains("heartbeat");
    }

    @org.junit.jupiter.api.Test
    void aRunBeatsOnlyWhileItMakesProgress() {
        TestAccount account = fixtures().account("Heartbeat");
        long runId = runs.start(account.id(), SyncKind.POLL, "test", null, null, "test",
                clock.instant().minus(Duration.ofMinutes(1)));
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        RunLog log = new RunLog(account.id(), runId, runs, clock, requests::get);

        assertThat(log.beat()).as("the first beat").isTrue();
        java.time.Instant first = runs.find(account.id(), runId).orElseThrow().heartbeatAt();
        // Nothing sent, nothing written: no beat, and the heartbeat stays where it was.
        assertThat(log.beat()).isFalse();
        assertThat(runs.find(account.id(), runId).orElseThrow().heartbeatAt()).isEqualTo(first);
        // A request sent to the PSA is progress; so is a page written.
        requests.incrementAndGet();
        assertThat(log.beat()).isTrue();
        assertThat(log.beat()).isFalse();
        log.fetchedOnly("tickets", 3);
        assertThat(log.beat()).isTrue();
        log.finish(SyncState.SUCCEEDED, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void credentialsThePsaRefusesStopTheScheduleSaySoEverywhereAndNewOnesResumeIt(SimulatedPsa psa) throws Exception {
        TestAccount account = fixtures().account("Refused");
        HelpdeskCredentials own = psa.extraCredentials();
        connectWith(psa, account.id(), own);
        awaitBackfill(account.id());
        HelpdeskCredentials renewed = psa.regenerate(own);

        SyncRun refused = awaitRun(account.id(), syncNow.syncEverything(account.id()));

        assertThat(refused.state()).isEqualTo(SyncState.FAILED);
        assertThat(refused.error()).contains("The connection stopped");
        var view = connections.view(account.id()).orElseThrow();
        assertThat(view.state()).isEqualTo(horizon.helpdesk.configuration.ConnectionView.State.FAILING);
        assertThat(view.failure().kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        String summary = view.failure().summary();
        assertThat(summary).startsWith("Connection failing: ").contains("Replace the credentials");
        // Nothing more is scheduled, however overdue the poll and the full comparison are.
        long runsSoFar = runs.count(account.id(), null, null);
        schedule.stamp(account.id(), SyncingAccount.POLL_JOB, clock.instant().minus(Duration.ofHours(2)));
        schedule.stamp(account.id(), SyncingAccount.RECONCILE_JOB, clock.instant().minus(Duration.ofHours(2)));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> runs.count(account.id(), null, null) == runsSoFar);
        // Asking says why, rather than queueing a run that cannot work.
        HttpResponse<String> asked = apiPost("/api/v1/sync", account.admin().token());
        assertThat(asked.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(asked.body()).path("error").asString()).isEqualTo("connection_failing");
        // Helpdesk Configuration, Sync Run logs and Callback Status all say so, with what to do.
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());
        for (String page : List.of("/admin/helpdesk/configuration", "/admin/helpdesk/sync-runs",
                "/admin/helpdesk/callback-status")) {
            assertThat(admin.get(page).html().select("#connection-failing-text").text()).as(page).isEqualTo(summary);
        }

        assertThat(connections.replaceCredentials(account.id(), psa.kind(), renewed).ok()).isTrue();

        assertThat(connections.view(account.id()).orElseThrow().state())
                .isEqualTo(horizon.helpdesk.configuration.ConnectionView.State.CONNECTED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> runs.page(account.id(), SyncKind.POLL,
                SyncState.SUCCEEDED, 0, 5).stream().anyMatch(r -> r.id() > refused.id()));
        assertThat(admin.get("/admin/helpdesk/sync-runs").html().select("#connection-failing")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void failuresThatMayPassAreTriedAgainAfterPausesThatGrow(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Down");
        connectOnly(psa, account.id());
        psa.setApiDown(true);
        List<SyncRun> failed;
        try {
            // Saving the settings starts the backfill at once; the PSA answers every request with an error.
            assertThat(connections.saveSettings(account.id(), SyncSettings.defaults())).isEmpty();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> runs.page(account.id(),
                    SyncKind.BACKFILL, SyncState.FAILED, 0, 10).size() >= 4);
            failed = new java.util.ArrayList<>(runs.page(account.id(), SyncKind.BACKFILL, SyncState.FAILED, 0, 10));
            java.util.Collections.reverse(failed);
            WebSession admin = web();
            admin.login(account.admin().email(), account.admin().password());
            assertThat(admin.get("/admin/helpdesk/sync-runs").html().select("#retrying").text())
                    .contains("syncs in a row failed");
        } finally {
            psa.setApiDown(false);
        }
        // Pauses of 2, 4 and 8 seconds (the longest) between a failure and the next try.
        for (int i = 1; i < 4; i++) {
            Duration pause = Duration.between(failed.get(i - 1).finishedAt(), failed.get(i).startedAt());
            long expected = Math.min(2L << (i - 1), 8);
            assertThat(pause).as("pause %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(expected));
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> runs.latestBackfill(account.id())
                .filter(r -> r.state() == SyncState.SUCCEEDED).isPresent());
        assertThat(runs.latestBackfill(account.id()).orElseThrow().triggeredBy()).isEqualTo("resume");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aRecordHorizonCannotTakeInFullIsQuarantinedAndThePageGoesOn(SimulatedPsa psa) {
        TestAccount account = fixtures().account("Quarantine");
        connect(psa, account.id(), SyncSettings.defaults());
        awaitBackfill(account.id());
        // No scheduled poll may read the tickets below with the PSA's own reader first.
        schedule.stamp(account.id(), SyncingAccount.POLL_JOB, clock.instant());
        schedule.stamp(account.id(), SyncingAccount.RECONCILE_JOB, clock.instant());
        await().atMost(WAIT).until(() -> runs.page(account.id(), null, SyncState.RUNNING, 0, 1).isEmpty());
        long unreadable = psa.createTicket("Sent with a date Horizon cannot read");
        long overLong = psa.createTicket("Sent with a status longer than Horizon stores");
        long fine = psa.createTicket("Sent as usual");
        ConnectedAccount opened = connectedAccounts.open(account.id()).orElseThrow();

        SyncRun poll = pollOnce(withReader(opened, new MalformingReader(opened.reader(), unreadable, overLong)));

        assertThat(poll.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(poll.warnings()).contains("Quarantined tickets " + unreadable + ": ",
                "Quarantined tickets " + overLong + ": Stored with what fits: status has 150 characters");
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, fine)).isPresent();
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, unreadable)).isEmpty();
        assertThat(mirror.find(account.id(), MirroredEntity.TICKETS, overLong).orElseThrow().status())
                .isEqualTo("S".repeat(100));
        WebSession admin = web();
        admin.login(account.admin().email(), account.admin().password());
        var rows = admin.get("/admin/helpdesk/sync-runs").html().select("#quarantine tr.quarantined");
        assertThat(rows.eachText()).anySatisfy(row -> assertThat(row).contains("tickets " + unreadable, "left out",
                        "cannot read"))
                .anySatisfy(row -> assertThat(row).contains("tickets " + overLong, "stored with what fits"));
    }

    @org.junit.jupiter.api.Test
    void credentialsOfAnotherDatabaseAreSavedOnlyOnceTheAdminConfirmsAFreshMirror() throws Exception {
        SimulatedPsa before = psas().get(0);
        SimulatedPsa after = psas().get(1);
        TestAccount account = fixtures().account("Moved");
        connect(before, account.id(), SyncSettings.defaults());
        SyncRun first = awaitBackfill(account.id());
        long held = mirror.count(account.id(), MirroredEntity.TICKETS).live();

        // Asked, nothing saved: the connection, the mirror and the sync history stay as they were.
        ConnectionTestOutcome asked = connections.replaceCredentials(account.id(), after.kind(), after.credentials());
        assertThat(asked.ok()).isFalse();
        assertThat(asked.needsConfirmation()).isTrue();
        assertThat(asked.change().question()).contains("starts a fresh mirror");
        HttpResponse<String> put = apiPut("/api/v1/helpdesk/connection", account.admin().token(),
                JSON.writeValueAsString(Map.of("kind", after.kind().name(), "credentials", after.credentials().values())));
        assertThat(put.statusCode()).isEqualTo(409);
        JsonNode refused = JSON.readTree(put.body());
        assertThat(refused.path("error").asString()).isEqualTo("database_changed");
        assertThat(connections.kind(account.id())).contains(before.kind());
        assertThat(mirror.count(account.id(), MirroredEntity.TICKETS).live()).isEqualTo(held);

        // Confirmed: the old database's records and history go, and the new one is read from scratch.
        assertThat(connections.replaceCredentials(account.id(), after.kind(), after.credentials(),
                refused.path("confirm").asString()).ok()).isTrue();

        assertThat(connections.kind(account.id())).contains(after.kind());
        assertThat(runs.find(account.id(), first.id())).isEmpty();
        SyncRun fresh = awaitBackfill(account.id());
        assertThat(fresh.triggeredBy()).isEqualTo("connect");
        SimulatorMirror.assertMirrors(after, mirror, account.id(), fresh.windowStart());
    }

    // ---- helpers ----

    /** Connects the account with its own credentials (so a case may break them without touching other accounts). */
    void connectWith(SimulatedPsa psa, long accountId, HelpdeskCredentials credentials) {
        assertThat(connections.saveSettings(accountId, SyncSettings.defaults())).isEmpty();
        ConnectionTestOutcome outcome = connections.test(psa.kind(), credentials);
        assertThat(outcome.ok()).as("connection test: %s", outcome.failure()).isTrue();
        connections.connect(accountId, psa.kind(), credentials, outcome.result());
    }

    void connect(SimulatedPsa psa, long accountId, SyncSettings settings) {
        assertThat(connections.saveSettings(accountId, settings)).isEmpty();
        connectOnly(psa, accountId);
    }

    /** Stores the connection as the wizard's first step does, before any settings are saved. */
    void connectOnly(SimulatedPsa psa, long accountId) {
        ConnectionTestOutcome outcome = connections.test(psa.kind(), psa.credentials());
        assertThat(outcome.ok()).as("connection test: %s", outcome.failure()).isTrue();
        connections.connect(accountId, psa.kind(), psa.credentials(), outcome.result());
    }

    SyncRun awaitBackfill(long accountId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> runs.latestBackfill(accountId)
                .filter(r -> r.state().finished()).isPresent());
        SyncRun run = runs.latestBackfill(accountId).orElseThrow();
        assertThat(run.state()).as("backfill: " + run.error()).isEqualTo(SyncState.SUCCEEDED);
        return run;
    }

    SyncRun awaitRun(long accountId, long runId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.find(accountId, runId).orElseThrow().state().finished());
        return runs.find(accountId, runId).orElseThrow();
    }

    private SyncRun pollOnce(ConnectedAccount account) {
        PollingAccount polling = context.getBean(PollingAccount.class);
        long runId = runs.start(account.accountId(), SyncKind.POLL, "test", null, null, "test", clock.instant());
        RunLog log = new RunLog(account.accountId(), runId, runs, clock,
                () -> account.reader().requestsSent(account.credentials()));
        polling.run(account, log);
        log.finish(SyncState.SUCCEEDED, null);
        return runs.find(account.accountId(), runId).orElseThrow();
    }

    private SyncRun reconcileUsers(ConnectedAccount account) {
        long runId = runs.start(account.accountId(), SyncKind.USERS, "test", null, null, "test", clock.instant());
        RunLog log = new RunLog(account.accountId(), runId, runs, clock, () -> 0);
        listings.helpdeskUsers(account, log, true);
        log.finish(SyncState.SUCCEEDED, null);
        return runs.find(account.accountId(), runId).orElseThrow();
    }

    private static ConnectedAccount withReader(ConnectedAccount account, HelpdeskReader reader) {
        return new ConnectedAccount(account.accountId(), account.kind(), account.credentials(), account.settings(),
                reader);
    }

    HttpResponse<String> apiPut(String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> apiPost(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A PSA that sends one ticket its adapter cannot read and one with a status of 150 characters (what an adapter
     * hands the engine in those cases).
     */
    private static final class MalformingReader extends DelegatingReader {
        private final long unreadable;
        private final long overLong;

        MalformingReader(HelpdeskReader delegate, long unreadable, long overLong) {
            super(delegate);
            this.unreadable = unreadable;
            this.overLong = overLong;
        }

        @Override
        public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
            RecordPage<HelpdeskRecord> page = super.page(credentials, query);
            if (query.entity() != HelpdeskEntity.TICKETS) {
                return page;
            }
            List<HelpdeskRecord> records = new java.util.ArrayList<>();
            List<horizon.helpdesk.UnreadableRecord> left = new java.util.ArrayList<>(page.unreadable());
            for (HelpdeskRecord record : page.records()) {
                HelpdeskTicket t = (HelpdeskTicket) record;
                if (t.externalId() == unreadable) {
                    left.add(new horizon.helpdesk.UnreadableRecord(HelpdeskEntity.TICKETS, t.externalId(),
                            "The PSA sent a ticket Horizon cannot read: createDate is not a date-time: yesterday",
                            "{\"id\":" + t.externalId() + ",\"createDate\":\"yesterday\"}"));
                } else if (t.externalId() == overLong) {
                    records.add(new HelpdeskTicket(t.externalId(), t.number(), t.title(), t.description(),
                            "S".repeat(150), t.priority(), t.queueId(), t.issueType(), t.subIssueType(), t.source(),
                            t.ticketType(), t.companyId(), t.contactId(), t.assigneeResourceId(),
                            t.assigneeRoleId(), t.dueAt(), t.createdAt(), t.completedAt(), t.lastActivityAt(),
                            t.remoteUpdatedAt(), t.rawJson()));
                } else {
                    records.add(record);
                }
            }
            return new RecordPage<>(records, page.nextCursor(), left);
        }
    }

    /** A PSA whose helpdesk-user listing holds only the first {@code keep} users. */
    private static final class DroppingReader extends DelegatingReader {
        private final int keep;

        DroppingReader(HelpdeskReader delegate, int keep) {
            super(delegate);
            this.keep = keep;
        }

        @Override
        public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
            RecordPage<HelpdeskRecord> page = super.page(credentials, query);
            if (query.entity() != HelpdeskEntity.HELPDESK_USERS) {
                return page;
            }
            List<HelpdeskRecord> kept = page.records().stream().limit(keep).toList();
            return RecordPage.last(kept);
        }
    }

    /** A PSA that answers the first page of helpdesk users and then fails. */
    private static final class FailingAfterFirstPageReader extends DelegatingReader {
        FailingAfterFirstPageReader(HelpdeskReader delegate) {
            super(delegate);
        }

        @Override
        public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
            if (query.entity() == HelpdeskEntity.HELPDESK_USERS && query.cursor() != null) {
                throw HelpdeskException.answered(HelpdeskException.Kind.TRANSIENT, "The helpdesk failed", 500, null);
            }
            RecordPage<HelpdeskRecord> page = super.page(credentials, query);
            List<HelpdeskRecord> half = page.records().subList(0, page.records().size() / 2);
            return new RecordPage<>(half, "more");
        }
    }
}
