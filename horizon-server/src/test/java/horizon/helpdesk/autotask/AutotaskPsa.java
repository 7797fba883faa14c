package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskKind;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorCounters;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.store.Timestamps;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.fault.FaultRule;
import horizon.testsupport.SimulatedPsa;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Autotask simulator as the PSA-parametrized suites drive it. */
public final class AutotaskPsa implements SimulatedPsa {

    /** The endpoints a backfill pages through. */
    private static final List<String> PAGED = List.of("Tickets", "TicketNotes", "TimeEntries");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AutotaskSimulator simulator;

    private AutotaskPsa(AutotaskSimulator simulator) {
        this.simulator = simulator;
    }

    /** A simulator a test started itself. */
    public static AutotaskPsa of(AutotaskSimulator simulator) {
        return new AutotaskPsa(simulator);
    }

    /** The standard generated MSP. */
    public static AutotaskPsa start() {
        return start(SimulatorOptions.defaults());
    }

    /** An MSP with this many tickets (and the standard rest). */
    public static AutotaskPsa withTickets(int tickets, Duration latency) {
        return start(SimulatorOptions.defaults().withSize(new SimulatorOptions.MspSize(40, 400, 12, tickets, 18))
                .withLatency(latency));
    }

    /**
     * The standard MSP with Autotask's delivery delays at 1/100 (a retry after 300 ms), so a webhook fails its way to
     * deactivation within seconds.
     */
    public static AutotaskPsa fastDelivery() {
        return start(SimulatorOptions.defaults().withTimeScale(0.01).withHourlyBudget(1_000_000));
    }

    private static AutotaskPsa start(SimulatorOptions options) {
        AutotaskSimulator simulator = AutotaskSimulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "autotask-simulator-stop"));
        return new AutotaskPsa(simulator);
    }

    public AutotaskSimulator simulator() {
        return simulator;
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.AUTOTASK;
    }

    @Override
    public HelpdeskCredentials credentials() {
        return AutotaskCredentials.of(simulator.apiUser());
    }

    @Override
    public Map<String, String> properties() {
        return horizonProperties(simulator);
    }

    /** Points Horizon at the simulator: its discovery URL, and its plain-http host among the allowed zone hosts. */
    public static Map<String, String> horizonProperties(AutotaskSimulator simulator) {
        return Map.of("horizon.autotask.discovery-url", simulator.zones().get(0).apiUrl(),
                AllowedZoneHosts.PROPERTY, SimulatedAutotask.zoneHosts(simulator));
    }

    @Override
    public long createTicket(String title) {
        return simulator.control().createTicket(Map.of("title", title));
    }

    @Override
    public long addNote(long ticketId, String title, String text) {
        return simulator.control().addNote(ticketId, title, text);
    }

    @Override
    public String changeStatus(long ticketId) {
        long inProgress = simulator.control().picklistCode("Tickets", "status", "In Progress");
        simulator.control().changeStatus(ticketId, inProgress);
        return String.valueOf(inProgress);
    }

    @Override
    public void deleteTicket(long ticketId) {
        simulator.control().deleteTicket(ticketId);
    }

    @Override
    public String ticketNumber(long ticketId) {
        return simulator.control().get("Tickets", ticketId).orElseThrow().path("ticketNumber").asString();
    }

    @Override
    public Map<Long, JsonNode> expected(HelpdeskEntity entity, Instant windowStart) {
        JsonNode entities = simulator.control().dump().path("entities");
        Map<Long, JsonNode> tickets = byId(entities.path("Tickets"));
        tickets.values().removeIf(t -> Timestamps.parse(t.path("lastActivityDate").asString()).isBefore(windowStart));
        Set<Long> windowTickets = new HashSet<>(tickets.keySet());
        return switch (entity) {
            case TICKETS -> tickets;
            case TICKET_NOTES -> {
                Map<Long, JsonNode> notes = byId(entities.path("TicketNotes"));
                notes.values().removeIf(n -> !windowTickets.contains(n.path("ticketID").asLong()));
                yield notes;
            }
            case TIME_ENTRIES -> {
                Map<Long, JsonNode> entries = byId(entities.path("TimeEntries"));
                entries.values().removeIf(t -> t.path("ticketID").isNull()
                        || !windowTickets.contains(t.path("ticketID").asLong()));
                yield entries;
            }
            case COMPANIES -> byId(entities.path("Companies"));
            case CONTACTS -> byId(entities.path("Contacts"));
            case HELPDESK_USERS -> byId(entities.path("Resources"));
        };
    }

    @Override
    public long pagedRequests() {
        SimulatorCounters counters = simulator.control().counters();
        return PAGED.stream().mapToLong(endpoint -> counters.requests().getOrDefault(endpoint, Map.of()).values()
                .stream().mapToLong(Long::longValue).sum()).sum();
    }

    @Override
    public int peakConcurrency() {
        return simulator.control().counters().concurrentPeak().values().stream().mapToInt(Integer::intValue).max()
                .orElse(0);
    }

    @Override
    public void setLatency(Duration latency) {
        simulator.control().setLatency(latency);
    }

    @Override
    public void stallTicketReads(int count, Duration stall) {
        simulator.control().requestFaults().add(new FaultRule("POST", "Tickets/query", 1, count, FaultRule.Kind.STALL_MID_BODY, 0, stall, 1.0));
    }

    @Override
    public void retitle(long ticketId, String title) {
        simulator.control().update("Tickets", ticketId, Map.of("title", title));
    }

    @Override
    public DeliveryFaults deliveryFaults() {
        return simulator.control().webhookFaults();
    }

    @Override
    public long webhooksSwitchedOff() {
        return simulator.control().counters().webhooks().getOrDefault("deactivated", 0L);
    }

    /** Autotask's own rule: 25 consecutive failed attempts switch the webhook off (fast with {@link #fastDelivery}). */
    @Override
    public void failDeliveriesUntilSwitchedOff(Runnable change) {
        long before = webhooksSwitchedOff();
        deliveryFaults().failNext(1_000_000);
        try {
            for (int round = 0; webhooksSwitchedOff() == before; round++) {
                if (round >= 2_000) {
                    throw new AssertionError("the simulator did not switch the webhook off");
                }
                change.run();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            deliveryFaults().reset();
        }
    }

    @Override
    public java.util.List<String> webhookUrls() {
        java.util.List<String> urls = new java.util.ArrayList<>();
        simulator.control().webhooks().forEach(hook -> urls.add(hook.path("webhookUrl").asString()));
        return urls;
    }

    @Override
    public void clearFaults() {
        simulator.control().clearFaults();
    }

    @Override
    public TicketState ticketState(long ticketId) {
        JsonNode ticket = simulator.control().get("Tickets", ticketId).orElseThrow();
        JsonNode assignee = ticket.path("assignedResourceID");
        return new TicketState(assignee.isNull() || assignee.isMissingNode() ? null : assignee.asLong(),
                ticket.path("status").asString());
    }

    @Override
    public java.util.List<PsaNote> notes(long ticketId) {
        return simulator.control().records("TicketNotes", "ticketID", ticketId).stream()
                .map(n -> new PsaNote(n.path("id").asLong(), n.path("description").asString(""),
                        n.path("creatorResourceID").isNumber() ? n.path("creatorResourceID").asLong() : null))
                .sorted(java.util.Comparator.comparingLong(PsaNote::id)).toList();
    }

    @Override
    public java.util.List<PsaTime> timeEntries(long ticketId) {
        return simulator.control().records("TimeEntries", "ticketID", ticketId).stream()
                .map(t -> new PsaTime(t.path("id").asLong(), t.path("resourceID").asLong(),
                        t.path("summaryNotes").asString("")))
                .sorted(java.util.Comparator.comparingLong(PsaTime::id)).toList();
    }

    @Override
    public void faultWrites(HelpdeskEntity entity, FaultRule.Kind kind, int status, Duration stall, int from, int to) {
        simulator.control().requestFaults().add(new FaultRule(writeMethod(entity), writeRoute(entity), from, to, kind,
                status, stall, 1.0));
    }

    @Override
    public void answerNoteListingsWithoutAList() {
        simulator.control().requestFaults().add(new FaultRule("POST", "TicketNotes/query", 1, 0, FaultRule.Kind.EMPTY_SUCCESS, 0,
                null, 1.0));
    }

    @Override
    public long writeRequests(HelpdeskEntity entity) {
        String method = writeMethod(entity);
        java.util.regex.Pattern path = java.util.regex.Pattern.compile(switch (entity) {
            case TICKET_NOTES -> "(?i).*/Tickets/\\d+/Notes/?";
            case TIME_ENTRIES -> "(?i).*/TimeEntries/?";
            default -> "(?i).*/Tickets/?";
        });
        return simulator.control().requestLog().since(0).stream()
                .filter(e -> e.method().equals(method) && path.matcher(e.path()).matches()).count();
    }

    @Override
    public HelpdeskCredentials extraCredentials() {
        return AutotaskCredentials.of(simulator.addApiKey());
    }

    @Override
    public HelpdeskCredentials regenerate(HelpdeskCredentials credentials) {
        return AutotaskCredentials.of(simulator.regenerateSecret(credentials.value(AutotaskApi.USER_NAME)));
    }

    @Override
    public horizon.simulator.core.fault.RequestFaults requestFaults() {
        return simulator.control().requestFaults();
    }

    @Override
    public void setApiDown(boolean down) {
        simulator.control().setApiDown(down);
    }

    private static String writeMethod(HelpdeskEntity entity) {
        return entity == HelpdeskEntity.TICKETS ? "PATCH" : "POST";
    }

    private static String writeRoute(HelpdeskEntity entity) {
        return switch (entity) {
            case TICKET_NOTES -> "Tickets/*/Notes";
            case TIME_ENTRIES -> "TimeEntries";
            case TICKETS -> "Tickets";
            default -> throw new IllegalArgumentException("Horizon writes no " + entity);
        };
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "Autotask";
    }

    private static Map<Long, JsonNode> byId(JsonNode rows) {
        Map<Long, JsonNode> byId = new TreeMap<>();
        // Re-read from text, so numbers compare as the mirror's parsed JSON does (an int is not a long node).
        rows.forEach(row -> byId.put(row.path("id").asLong(), JSON.readTree(row.toString())));
        return byId;
    }
}
