package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ControlApiTest {
    static AutotaskSimulator sim;
    static ApiClient api;
    static ApiClient control;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(new SimulatorOptions.MspSize(5, 20, 4, 50, 2)));
        api = ApiClient.of(sim.apiUser());
        control = new ApiClient(sim.controlUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void technicianChangesOverHttpShowInTheRestApi() {
        long tech = sim.control().technicians().get(1);
        var created = control.post("tickets?as=" + tech, Map.of("title", "From the control API"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        long id = created.json().get("id").asLong();
        JsonNode ticket = api.get("V1.0/Tickets/" + id).json().get("item");
        assertThat(ticket.get("title").asString()).isEqualTo("From the control API");
        assertThat(ticket.get("creatorResourceID").asLong()).isEqualTo(tech);

        assertThat(control.post("tickets/" + id + "/assign", Map.of("resourceId", tech)).status()).isEqualTo(200);
        long inProgress = sim.control().picklistCode("Tickets", "status", "In Progress");
        assertThat(control.post("tickets/" + id + "/status", Map.of("status", inProgress)).status()).isEqualTo(200);
        var note = control.post("tickets/" + id + "/notes", Map.of("title", "Called", "description", "Left a voicemail"));
        var time = control.post("tickets/" + id + "/time-entries", Map.of("resourceId", tech, "hours", 0.5, "summaryNotes", "Call"));
        assertThat(time.status()).as(time.text()).isEqualTo(200);
        ticket = api.get("V1.0/Tickets/" + id).json().get("item");
        assertThat(ticket.get("assignedResourceID").asLong()).isEqualTo(tech);
        assertThat(ticket.get("status").asLong()).isEqualTo(inProgress);
        assertThat(api.get("V1.0/TicketNotes/" + note.json().get("id").asLong()).json().get("item").get("ticketID").asLong()).isEqualTo(id);

        var patched = control.patch("records/Tickets/" + id, Map.of("title", "Renamed"));
        assertThat(patched.json().get("title").asString()).isEqualTo("Renamed");
        var bad = control.post("tickets/" + id + "/status", Map.of("status", 987654));
        assertThat(bad.status()).isEqualTo(400);

        assertThat(control.delete("notes/" + note.json().get("id").asLong()).status()).isEqualTo(200);
        assertThat(control.delete("time-entries/" + time.json().get("id").asLong()).status()).isEqualTo(200);
        var activityLog = api.post("V1.0/DeletedTicketActivityLogs/query",
                Map.of("filter", List.of(Map.of("op", "eq", "field", "ticketID", "value", id))));
        assertThat(activityLog.json().get("items").size()).isEqualTo(2);
        assertThat(control.delete("tickets/" + id).status()).isEqualTo(200);
        assertThat(api.get("V1.0/Tickets/" + id).json().get("item").isNull()).isTrue();
    }

    @Test
    void faultsCountersAndDump() {
        var faults = control.post("faults", Map.of("burst429", 1, "latencyMs", 0));
        assertThat(faults.json().get("pending429").asInt()).isEqualTo(1);
        assertThat(api.get("V1.0/Companies/query?search=" + ApiClient.encode(Map.of("filter", List.of()))).status()).isEqualTo(429);
        assertThat(api.get("V1.0/Companies/query?search=" + ApiClient.encode(Map.of("filter", List.of()))).status()).isEqualTo(200);
        JsonNode counters = control.get("counters").json();
        assertThat(counters.get("requests").get("Companies").get("429").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(counters.get("requestsThisHour").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(counters.has("concurrentPeak") && counters.has("webhooks")).isTrue();

        JsonNode dump = control.get("state").json();
        assertThat(dump.get("entities").get("Tickets").size()).isEqualTo(sim.control().count("Tickets"));
        assertThat(dump.get("entities").get("Resources").size()).isGreaterThanOrEqualTo(5);
        assertThat(dump.get("picklists").get("Tickets").get("status").size()).isGreaterThan(3);
        assertThat(dump.has("webhooks")).isTrue();
        assertThat(control.delete("faults").json().get("pending429").asInt()).isZero();

        var hookFaults = control.post("webhook-faults", Map.of("dropRate", 0.5, "delayMs", 20));
        assertThat(hookFaults.json().get("dropRate").asDouble()).isEqualTo(0.5);
        assertThat(sim.control().webhookFaults().delay().toMillis()).isEqualTo(20);
        assertThat(control.delete("webhook-faults").json().get("dropRate").asDouble()).isZero();
    }

    @Test
    void activityGeneratorActsLikeTechnicians() {
        int before = sim.control().count("TicketNotes") + sim.control().count("Tickets") + sim.control().count("TimeEntries");
        Instant start = Instant.now();
        assertThat(control.post("activity", Map.of("perMinute", 3000)).json().get("perMinute").asDouble()).isEqualTo(3000);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> sim.control().activityActions() >= 20);
        control.delete("activity");
        int after = sim.control().count("TicketNotes") + sim.control().count("Tickets") + sim.control().count("TimeEntries");
        assertThat(after).isGreaterThan(before);
        var recent = api.post("V1.0/Tickets/query/count", Map.of("filter", List.of(
                Map.of("op", "gte", "field", "lastActivityDate", "value", start.toString()))));
        assertThat(recent.json().get("queryCount").asInt()).isGreaterThan(0);
        assertThat(control.get("activity").json().get("perMinute").asDouble()).isZero();
    }
}
