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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Write-back on PostgreSQL 15; and two Horizon nodes on one PostgreSQL sharing the outbox. */
@DirtiesContext
class WritebackPostgresTest extends WritebackCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());
    private static final String DATABASE = EmbeddedPostgresStore.freshDatabaseUrl();

    private ConfigurableApplicationContext secondNode;

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        register(registry, PSAS, false);
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
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
