package horizon.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.HorizonApplication;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.EmbeddedPostgresStore;
import horizon.testsupport.RoundRobinProxy;
import horizon.testsupport.SimulatedPsa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Write-back on PostgreSQL 15; and two Horizon nodes on one PostgreSQL behind a round robin (webhook deliveries and
 * agents' requests alike), sharing the inbox, the outbox and the schedule.
 */
@DirtiesContext
class WritebackPostgresTest extends WritebackCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());
    private static final String DATABASE = EmbeddedPostgresStore.freshDatabaseUrl();
    /** The load balancer the PSAs deliver to: this node alone until a case starts the second. */
    private static final RoundRobinProxy BALANCER = RoundRobinProxy.start();
    private static final String CLAIM_LEASE = "10s";

    private ConfigurableApplicationContext secondNode;

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        register(registry, PSAS, false);
        registry.add("horizon.public-url", BALANCER::url);
        // A stopped node's claims come back within seconds (the default keeps them three minutes).
        registry.add("horizon.writeback.claim-lease", () -> CLAIM_LEASE);
    }

    @BeforeAll
    void deliverToThisNode() {
        BALANCER.nodes(List.of(baseUrl()));
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
        BALANCER.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void twoNodesBehindARoundRobinProcessEveryCallbackOnceRunEachPollOnceAndLoseNothingWhenOneStops(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Two nodes");
        long accountId = agent.account().id();
        String second = "http://localhost:" + secondNode(psa).getEnvironment().getProperty("local.server.port");
        BALANCER.nodes(List.of(baseUrl(), second));
        long toFirst = BALANCER.received(0);
        long toSecond = BALANCER.received(1);
        List<HelpdeskTicket> tickets = mirror.loadAll(accountId, MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null).limit(10).toList();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant since = java.time.Instant.now();

        // The PSA's changes reach both nodes by turns; each call is processed once, by one of them.
        for (HelpdeskTicket ticket : tickets) {
            psa.retitle(ticket.externalId(), "Balanced " + tag + " " + ticket.externalId());
        }
        await().atMost(WAIT).until(() -> tickets.stream().allMatch(t -> mirror.find(accountId, MirroredEntity.TICKETS,
                t.externalId()).map(m -> m.title().startsWith("Balanced " + tag)).orElse(false)));
        assertThat(BALANCER.received(0) - toFirst).as("calls to the first node").isPositive();
        assertThat(BALANCER.received(1) - toSecond).as("calls to the second node").isPositive();
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from callback_inbox where account_id = :id"
                + " and state = 'QUEUED'").param("id", accountId).query(Long.class).single() == 0);
        assertThat(jdbc.sql("""
                select count(*) from callback_inbox
                 where account_id = :id and received_at >= :since and (state <> 'PROCESSED' or attempts <> 1)
                """).param("id", accountId).param("since", java.sql.Timestamp.from(since)).query(Long.class).single())
                .as("calls not processed exactly once").isZero();

        // Agents' notes by turns; the second node stops half-way (its requests go to the first), nothing is lost.
        String token = agent.user().token();
        List<String> selves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                secondNode.close();
                secondNode = null;
            }
            HttpResponse<String> queued = post(BALANCER.url(), "/api/v1/tickets/"
                    + tickets.get(i % tickets.size()).externalId() + "/notes", token,
                    "{\"text\":\"Stopping " + tag + " #" + i + "\"}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            selves.add(JsonMapper.builder().build().readTree(queued.body()).path("action").path("self").asString());
        }
        BALANCER.nodes(List.of(baseUrl()));
        await().atMost(WAIT).until(() -> selves.stream().allMatch(self -> get(token, self).path("state").asString()
                .equals("SYNCED")));
        for (int i = 0; i < 20; i++) {
            String text = "Stopping " + tag + " #" + i;
            assertThat(psa.notes(tickets.get(i % tickets.size()).externalId()))
                    .filteredOn(n -> n.text().endsWith(text)).as(text).hasSize(1);
        }
        // One sync task per account across the nodes: no two runs of the account ever overlapped.
        List<java.time.Instant[]> spans = jdbc.sql("""
                        select started_at, finished_at from sync_runs
                         where account_id = :id and started_at is not null and finished_at is not null
                         order by started_at""")
                .param("id", accountId).query((rs, n) -> new java.time.Instant[] {
                        horizon.account.Timestamps.read(rs, "started_at"),
                        horizon.account.Timestamps.read(rs, "finished_at")}).list();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("run %d starts after run %d ended", i, i - 1)
                    .isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void twoNodesOnOnePostgresSendEveryActionExactlyOnce(SimulatedPsa psa) {
        Agent agent = connectedAgent(psa, "Two nodes");
        String[] nodes = {baseUrl(), "http://localhost:" + secondNode(psa).getEnvironment()
                .getProperty("local.server.port")};
        List<HelpdeskTicket> tickets = mirror.loadAll(agent.account().id(), MirroredEntity.TICKETS).stream()
                .filter(t -> t.completedAt() == null).limit(6).toList();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long before = psa.writeRequests(HelpdeskEntity.TICKET_NOTES);
        double sentByFirst = synced(context);
        double sentBySecond = synced(secondNode);
        List<String> selves = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Round robin over the nodes, as a load balancer would spread agents' requests.
            HttpResponse<String> queued = post(nodes[i % 2], "/api/v1/tickets/"
                    + tickets.get(i % tickets.size()).externalId() + "/notes", agent.user().token(),
                    "{\"text\":\"Two nodes " + tag + " #" + i + "\"}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            selves.add(JsonMapper.builder().build().readTree(queued.body()).path("action").path("self").asString());
        }
        await().atMost(WAIT).until(() -> selves.stream().allMatch(self -> get(agent.user().token(), self)
                .path("state").asString().equals("SYNCED")));

        assertThat(psa.writeRequests(HelpdeskEntity.TICKET_NOTES) - before).as("note requests").isEqualTo(30);
        // Both nodes sent some, and together each once.
        double first = synced(context) - sentByFirst;
        double second = synced(secondNode) - sentBySecond;
        assertThat(first).as("sent by the first node").isPositive();
        assertThat(second).as("sent by the second node").isPositive();
        assertThat(first + second).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            String text = "Two nodes " + tag + " #" + i;
            assertThat(psa.notes(tickets.get(i % tickets.size()).externalId()))
                    .filteredOn(n -> n.text().endsWith(text)).as(text).hasSize(1);
        }
    }

    /** Actions a node has synced since it started. */
    private static double synced(org.springframework.context.ApplicationContext node) {
        return node.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("horizon.writeback.actions")
                .tag("result", "synced").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** A second Horizon on the same database and simulators, started once. */
    private ConfigurableApplicationContext secondNode(SimulatedPsa any) {
        if (secondNode == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", DATABASE);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            properties.put("server.port", "0");
            properties.put("horizon.master-key", MASTER_KEY);
            properties.put("horizon.data-dir", "target/test-data-second-node");
            properties.put("horizon.demo.enabled", "false");
            properties.put("db-scheduler.polling-interval", "1s");
            properties.put("horizon.writeback.idle", "100ms");
            properties.put("horizon.writeback.claim-lease", CLAIM_LEASE);
            properties.put("horizon.public-url", BALANCER.url());
            PSAS.forEach(psa -> properties.putAll(psa.properties()));
            // As arguments: they win over application.properties, as the first node's test properties do.
            secondNode = new SpringApplicationBuilder(HorizonApplication.class).run(properties.entrySet().stream()
                    .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        }
        return secondNode;
    }

    private static HttpResponse<String> post(String base, String path, String token, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }
}
