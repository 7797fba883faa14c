package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.autotask.AutotaskPsa;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.testsupport.SimulatedPsa;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The callback pipeline on the embedded H2 store, on a database of its own. */
class CallbackPipelineH2Test extends CallbackPipelineCases {

    private static final List<SimulatedPsa> PSAS = List.of(AutotaskPsa.fastDelivery(), ConnectWisePsa.start());

    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        register(registry, PSAS, true);
    }

    @Override
    protected List<SimulatedPsa> psas() {
        return PSAS;
    }

    @org.junit.jupiter.api.Test
    void theRestApiListsReadsReplaysJudgesRegistersAndTraces() {
        SimulatedPsa psa = PSAS.get(0);
        var account = connected(psa, "API");
        long ticketId = psa.createTicket("Printer jams on tray 2");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> inbox().about(account.id(), ticketId, null, 10)
                .stream().anyMatch(c -> c.state() == InboxState.PROCESSED));
        String token = account.admin().token();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

        var list = json.readTree(apiGet("/api/v1/callbacks?externalId=" + ticketId + "&state=PROCESSED", token)
                .body());
        assertThat(list.path("total").asLong()).isPositive();
        var first = list.path("items").get(0);
        assertThat(first.path("entity").asString()).isEqualTo("TICKETS");
        assertThat(first.path("result").asString()).isIn("inserted", "updated", "unchanged");
        long callId = first.path("id").asLong();
        var one = json.readTree(apiGet("/api/v1/callbacks/" + callId, token).body());
        assertThat(one.path("payload").asString()).contains(Long.toString(ticketId));
        assertThat(apiGet("/api/v1/callbacks/999999999", token).statusCode()).isEqualTo(404);

        var replay = api("POST", "/api/v1/callbacks/" + callId + "/replay", token, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> inbox().about(account.id(), ticketId, null, 20)
                .stream().anyMatch(c -> c.reason() != null && c.reason().contains("Replay of call #" + callId)
                        && c.state() == InboxState.PROCESSED));

        var status = json.readTree(apiGet("/api/v1/callbacks/status", token).body());
        assertThat(status.path("psa").asString()).isEqualTo("AUTOTASK");
        assertThat(status.path("health").asString()).isIn("GREEN", "AMBER");
        assertThat(status.path("webhooks")).hasSize(4);
        status.path("webhooks").forEach(hook -> assertThat(hook.path("active").asBoolean()).isTrue());
        assertThat(status.path("rules")).hasSize(3);
        assertThat(status.path("last24Hours")).hasSize(144);

        var registered = api("POST", "/api/v1/callbacks/webhooks/register", token, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json.readTree(registered.body()).path("webhooks")).hasSize(4);

        var trace = json.readTree(apiGet("/api/v1/tickets/" + psa.ticketNumber(ticketId) + "/trace", token).body());
        assertThat(trace.path("mirror").path("externalId").asLong()).isEqualTo(ticketId);
        assertThat(trace.path("callbacks").size()).isGreaterThanOrEqualTo(2);
        assertThat(trace.path("verdict").asString()).startsWith("In Horizon, last written");

        assertThat(apiGet("/api/v1/callbacks", account.agent().token()).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/v1/callbacks/webhooks/register", account.agent().token(), null).statusCode())
                .isEqualTo(403);
    }

    @org.junit.jupiter.api.Test
    void replacingTheConnectionWithAnotherPsaRemovesTheOldWebhooksFromTheirPsa() {
        SimulatedPsa autotask = PSAS.get(0);
        SimulatedPsa connectwise = PSAS.get(1);
        var account = connected(autotask, "Moving");
        String hookUrl = baseUrl() + "/hooks/autotask/" + account.accountKey();
        assertThat(autotask.webhookUrls()).filteredOn(hookUrl::equals).hasSize(4);

        var asked = connections.replaceCredentials(account.id(), connectwise.kind(), connectwise.credentials());
        assertThat(asked.needsConfirmation()).isTrue();
        var outcome = connections.replaceCredentials(account.id(), connectwise.kind(), connectwise.credentials(),
                asked.change().confirmation());
        assertThat(outcome.ok()).isTrue();

        assertThat(autotask.webhookUrls()).noneMatch(hookUrl::equals);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> connectwise.webhookUrls().stream()
                .filter(url -> url.startsWith(baseUrl() + "/hooks/connectwise/" + account.accountKey())).count() == 4);
    }
}
