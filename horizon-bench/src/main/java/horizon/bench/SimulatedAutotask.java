package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.autotask.AutotaskGateProperties;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.webhook.BenchCallouts;
import horizon.simulator.core.http.RequestLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The Autotask simulator for the bench. */
final class SimulatedAutotask implements BenchPsa {

    private final AutotaskSimulator simulator;

    private SimulatedAutotask(AutotaskSimulator simulator) {
        this.simulator = simulator;
    }

    static SimulatedAutotask start(Size size) {
        return new SimulatedAutotask(AutotaskSimulator.start(SimulatorOptions.defaults().withSize(
                new SimulatorOptions.MspSize(size.companies(), size.contacts(), size.members(), size.tickets(),
                        size.monthsOfHistory()))));
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.AUTOTASK;
    }

    @Override
    public HelpdeskCredentials credentials() {
        ApiUser user = simulator.apiUser();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("userName", user.userName());
        values.put("secret", user.secret());
        values.put("integrationCode", user.integrationCode());
        return HelpdeskCredentials.of(values);
    }

    @Override
    public Map<String, String> horizonProperties() {
        String discovery = simulator.zones().get(0).apiUrl().toLowerCase();
        return Map.of("horizon.autotask.discovery-url", discovery,
                "horizon.autotask.allowed-zone-hosts", "http://" + URI.create(discovery).getHost());
    }

    @Override
    public void setLatency(Duration latency) {
        simulator.control().setLatency(latency);
    }

    @Override
    public long okRequests() {
        return simulator.control().counters().requests().entrySet().stream()
                .filter(e -> !e.getKey().equalsIgnoreCase("zoneInformation"))
                .mapToLong(e -> e.getValue().getOrDefault(200, 0L))
                .sum();
    }

    @Override
    public int peakInFlight() {
        return simulator.control().counters().concurrentPeak().values().stream().mapToInt(Integer::intValue).max()
                .orElse(0);
    }

    @Override
    public String peakScope() {
        return "per endpoint";
    }

    /**
     * Horizon's threads per endpoint (3, Autotask's own limit). The floor counts them once, as if in all: Horizon
     * reads tickets, notes and time entries side by side, so it can beat this floor.
     */
    @Override
    public int floorInFlight(ApplicationContext horizon) {
        return horizon.getBean(AutotaskGateProperties.class).threadsPerEndpoint();
    }

    @Override
    public String floorInFlightNote() {
        return "horizon.autotask.threads-per-endpoint, counted once (in all)";
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tickets", (long) simulator.control().count("Tickets"));
        counts.put("ticket_notes", (long) simulator.control().count("TicketNotes"));
        counts.put("time_entries", (long) simulator.control().count("TimeEntries"));
        return counts;
    }

    @Override
    public String pacingNote(long requests) {
        return "";
    }

    @Override
    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> byEndpoint = new TreeMap<>();
        simulator.control().counters().requests().forEach((endpoint, byStatus) ->
                byEndpoint.put(endpoint, byStatus.values().stream().mapToLong(Long::longValue).sum()));
        return byEndpoint;
    }

    @Override
    public long webhooksDelivered() {
        return simulator.control().counters().webhooks().getOrDefault("delivered", 0L);
    }

    @Override
    public void retitleTicket(long ticketId, String title) {
        simulator.control().update("Tickets", ticketId, Map.of("title", title));
    }

    @Override
    public void setWebhookDropRate(double rate) {
        simulator.control().webhookFaults().dropRate(rate);
    }

    /**
     * Ticket "Update" callouts for Horizon's Ticket webhook: {@code {"Action","Guid","EntityType","Id","Fields",
     * "EventTime","SequenceNumber","PersonID"}} with the ticket's Title (a subscribed field that changed) and
     * TicketNumber (displayed always), written, timed and signed by the simulator's own code ({@link BenchCallouts})
     * with the webhook's secret from {@code control().webhooks()}.
     */
    @Override
    public HookPlayer hookPlayer() {
        JsonNode hook = null;
        for (JsonNode registered : simulator.control().webhooks()) {
            if ("TicketWebhooks".equals(registered.path("entity").asString()) && registered.path("isActive").asBoolean()) {
                hook = registered;
            }
        }
        if (hook == null) {
            throw new IllegalStateException("Horizon has no active Ticket webhook in the simulator: "
                    + simulator.control().webhooks());
        }
        String guid = hook.path("guid").asString();
        String secret = hook.path("secretKey").asString();
        URI url = URI.create(hook.path("webhookUrl").asString());
        long person = simulator.control().technicians().get(0);
        Map<Long, ObjectNode> tickets = new ConcurrentHashMap<>();
        return (ticketId, sequence, at) -> {
            ObjectNode ticket = tickets.computeIfAbsent(ticketId, id -> simulator.control().get("Tickets", id)
                    .orElseThrow(() -> new IllegalArgumentException("no ticket " + id)));
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("Action", "Update");
            payload.put("Guid", guid);
            payload.put("EntityType", "Ticket");
            payload.put("Id", ticketId);
            ObjectNode fields = payload.putObject("Fields");
            fields.put("TicketNumber", ticket.path("ticketNumber").asString());
            fields.put("Title", ticket.path("title").asString());
            payload.put("EventTime", BenchCallouts.eventTime(at));
            payload.put("SequenceNumber", sequence);
            payload.put("PersonID", person);
            byte[] body = BenchCallouts.write(payload);
            return new SignedCall(url, Map.of(BenchCallouts.HEADER, BenchCallouts.sign(secret, body),
                    "Content-Type", "application/json; charset=utf-8"), body);
        };
    }

    @Override
    public Optional<TicketFields> ticketFields(long ticketId) {
        return simulator.control().get("Tickets", ticketId).map(ticket -> new TicketFields(
                ticket.path("status").isNumber() ? String.valueOf(ticket.path("status").asLong()) : null,
                ticket.path("assignedResourceID").isNumber() ? ticket.path("assignedResourceID").asLong() : null));
    }

    /** Autotask's Complete is status 5 in every database. */
    @Override
    public boolean completes(String status) {
        return "5".equals(status);
    }

    @Override
    public CreatedWatch watchCreated() {
        IdProbe notes = new IdProbe(newest("TicketNotes"), id -> simulator.control().get("TicketNotes", id)
                .map(n -> new Written("note", id, n.path("ticketID").asLong(), n.path("description").asString(""))));
        IdProbe entries = new IdProbe(newest("TimeEntries"), id -> simulator.control().get("TimeEntries", id)
                .map(t -> new Written("time entry", id, t.path("ticketID").asLong(),
                        t.path("summaryNotes").asString(""))));
        return () -> {
            List<Written> found = new ArrayList<>();
            notes.poll(found);
            entries.poll(found);
            return found;
        };
    }

    /**
     * The newest id of an entity: {@code randomId} biased to the newest one, with a "random" number that always picks
     * the end of the range (the control API has no look-up of the newest id).
     */
    private long newest(String entity) {
        Random last = new Random() {
            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };
        return simulator.control().randomId(entity, last, 1).orElse(0L);
    }

    @Override
    public List<Written> writtenOn(Set<Long> ticketIds) {
        List<Written> written = new ArrayList<>();
        for (long ticket : ticketIds) {
            simulator.control().records("TicketNotes", "ticketID", ticket).forEach(n -> written.add(new Written(
                    "note", n.path("id").asLong(), ticket, n.path("description").asString(""))));
            simulator.control().records("TimeEntries", "ticketID", ticket).forEach(t -> written.add(new Written(
                    "time entry", t.path("id").asLong(), ticket, t.path("summaryNotes").asString(""))));
        }
        return written;
    }

    @Override
    public RequestLog requestLog() {
        return simulator.control().requestLog();
    }

    @Override
    public Optional<Map<String, String>> memberHandOver(long helpdeskUserId, String username) {
        return Optional.empty();
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "Autotask";
    }
}
