package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskKind;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Timestamps;
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

/** The ConnectWise simulator as the PSA-parametrized suites drive it. */
public final class ConnectWisePsa implements SimulatedPsa {

    /** The collections a backfill pages through. */
    private static final List<String> PAGED = List.of("service/tickets", "service/tickets/*/notes", "time/entries");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectWiseSimulator simulator;

    private ConnectWisePsa(ConnectWiseSimulator simulator) {
        this.simulator = simulator;
    }

    /** The standard generated MSP, with no per-minute limit in the way of a test's pace. */
    public static ConnectWisePsa start() {
        return start(ConnectWiseOptions.defaults().withRequestsPerMinute(100_000));
    }

    /** An MSP with this many tickets (and the standard rest). */
    public static ConnectWisePsa withTickets(int tickets, Duration latency) {
        return start(ConnectWiseOptions.defaults().withRequestsPerMinute(100_000)
                .withSize(new ConnectWiseOptions.MspSize(40, 400, 12, tickets, 18)).withLatency(latency));
    }

    /** Another company's site: a small MSP of its own, on its own port. */
    public static ConnectWisePsa another(long seed) {
        return start(ConnectWiseOptions.defaults().withRequestsPerMinute(100_000).withSeed(seed)
                .withSize(new ConnectWiseOptions.MspSize(3, 10, 3, 50, 2)));
    }

    private static ConnectWisePsa start(ConnectWiseOptions options) {
        ConnectWiseSimulator simulator = ConnectWiseSimulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "connectwise-simulator-stop"));
        return new ConnectWisePsa(simulator);
    }

    public ConnectWiseSimulator simulator() {
        return simulator;
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.CONNECTWISE_MANAGE;
    }

    @Override
    public HelpdeskCredentials credentials() {
        return ConnectWiseCredentials.of(simulator);
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("horizon.connectwise.client-id", simulator.clientId(),
                "horizon.connectwise.allow-insecure-loopback", "true",
                // Every test account shares the simulator's one API member: its pace is not under test here.
                "horizon.connectwise.requests-per-minute", "100000");
    }

    @Override
    public long createTicket(String title) {
        return simulator.control().createTicket(Map.of("summary", title));
    }

    @Override
    public long addNote(long ticketId, String title, String text) {
        return simulator.control().addNote(ticketId, title + ": " + text, true);
    }

    @Override
    public String changeStatus(long ticketId) {
        JsonNode ticket = simulator.control().get(Kind.TICKETS, ticketId).orElseThrow();
        long board = ticket.path("board").path("id").asLong();
        long current = ticket.path("status").path("id").asLong();
        long next = simulator.control().statusId(board, "In Progress");
        if (next == current) {
            next = simulator.control().statusId(board, "Waiting on Customer");
        }
        simulator.control().changeStatus(ticketId, next);
        return String.valueOf(next);
    }

    @Override
    public void deleteTicket(long ticketId) {
        simulator.control().deleteTicket(ticketId);
    }

    /** ConnectWise tickets have no number apart from their id. */
    @Override
    public String ticketNumber(long ticketId) {
        return String.valueOf(ticketId);
    }

    @Override
    public Map<Long, JsonNode> expected(HelpdeskEntity entity, Instant windowStart) {
        Map<Long, JsonNode> tickets = byId(Kind.TICKETS);
        tickets.values().removeIf(t -> lastUpdated(t).isBefore(windowStart));
        Set<Long> windowTickets = new HashSet<>(tickets.keySet());
        return switch (entity) {
            case TICKETS -> tickets;
            case TICKET_NOTES -> {
                Map<Long, JsonNode> notes = byId(Kind.NOTES);
                notes.values().removeIf(n -> !windowTickets.contains(n.path("ticketId").asLong()));
                yield notes;
            }
            case TIME_ENTRIES -> {
                Map<Long, JsonNode> entries = byId(Kind.TIME_ENTRIES);
                entries.values().removeIf(t -> !"ServiceTicket".equals(t.path("chargeToType").asString(""))
                        || !windowTickets.contains(t.path("chargeToId").asLong()));
                yield entries;
            }
            case COMPANIES -> byId(Kind.COMPANIES);
            case CONTACTS -> byId(Kind.CONTACTS);
            case HELPDESK_USERS -> byId(Kind.MEMBERS);
        };
    }

    @Override
    public long pagedRequests() {
        JsonNode requests = simulator.control().counters().path("requests");
        long total = 0;
        for (String endpoint : PAGED) {
            for (JsonNode count : requests.path(endpoint)) {
                total += count.asLong();
            }
        }
        return total;
    }

    @Override
    public int peakConcurrency() {
        return simulator.control().counters().path("peakInFlight").asInt();
    }

    @Override
    public void setLatency(Duration latency) {
        simulator.control().faults().requestFaults().setLatency(latency);
    }

    @Override
    public void stallTicketReads(int count, Duration stall) {
        simulator.control().faults().requestFaults().add(new FaultRule("GET", "service/tickets", 1, count, FaultRule.Kind.STALL_MID_BODY, 0, stall, 1.0));
    }

    @Override
    public void retitle(long ticketId, String title) {
        simulator.control().update(Kind.TICKETS, ticketId, Map.of("summary", title));
    }

    @Override
    public DeliveryFaults deliveryFaults() {
        return simulator.control().faults().deliveryFaults();
    }

    @Override
    public long webhooksSwitchedOff() {
        return simulator.control().callbackCounters().getOrDefault("disabled", 0L);
    }

    /**
     * ConnectWise switches a callback off after three days of failed deliveries, too long for a test even scaled (and
     * scaling it would rotate the signing keys faster than a call travels): once a delivery has failed, the simulator
     * applies that rule's end to every active callback at once.
     */
    @Override
    public void failDeliveriesUntilSwitchedOff(Runnable change) {
        deliveryFaults().failNext(1_000);
        try {
            change.run();
            for (JsonNode callback : simulator.control().records(Kind.CALLBACKS)) {
                if (!callback.path("inactiveFlag").asBoolean(false)) {
                    simulator.control().disableCallback(callback.path("id").asLong());
                }
            }
        } finally {
            deliveryFaults().reset();
        }
    }

    @Override
    public java.util.List<String> webhookUrls() {
        return simulator.control().records(Kind.CALLBACKS).stream().map(c -> c.path("url").asString()).toList();
    }

    @Override
    public void clearFaults() {
        simulator.control().faults().requestFaults().clear();
    }

    @Override
    public TicketState ticketState(long ticketId) {
        JsonNode ticket = simulator.control().get(Kind.TICKETS, ticketId).orElseThrow();
        JsonNode owner = ticket.path("owner").path("id");
        return new TicketState(owner.isNumber() ? owner.asLong() : null, ticket.path("status").path("id").asString());
    }

    @Override
    public java.util.List<PsaNote> notes(long ticketId) {
        return simulator.control().records(Kind.NOTES).stream()
                .filter(n -> n.path("ticketId").asLong() == ticketId)
                .map(n -> new PsaNote(n.path("id").asLong(), n.path("text").asString(""),
                        n.path("member").path("id").isNumber() ? n.path("member").path("id").asLong() : null))
                .sorted(java.util.Comparator.comparingLong(PsaNote::id)).toList();
    }

    @Override
    public java.util.List<PsaTime> timeEntries(long ticketId) {
        return simulator.control().records(Kind.TIME_ENTRIES).stream()
                .filter(t -> t.path("chargeToId").asLong() == ticketId)
                .map(t -> new PsaTime(t.path("id").asLong(), t.path("member").path("id").asLong(),
                        t.path("notes").asString("")))
                .sorted(java.util.Comparator.comparingLong(PsaTime::id)).toList();
    }

    @Override
    public void faultWrites(HelpdeskEntity entity, FaultRule.Kind kind, int status, Duration stall, int from, int to) {
        simulator.control().faults().requestFaults().add(new FaultRule(writeMethod(entity), writeRoute(entity), from,
                to, kind, status, stall, 1.0));
    }

    @Override
    public void answerNoteListingsWithoutAList() {
        simulator.control().faults().requestFaults().add(new FaultRule("GET", "service/tickets/*/notes", 1, 0, FaultRule.Kind.EMPTY_SUCCESS, 0,
                null, 1.0));
    }

    @Override
    public long writeRequests(HelpdeskEntity entity) {
        String method = writeMethod(entity);
        java.util.regex.Pattern path = java.util.regex.Pattern.compile(switch (entity) {
            case TICKET_NOTES -> "(?i).*/service/tickets/\\d+/notes/?";
            case TIME_ENTRIES -> "(?i).*/time/entries/?";
            default -> "(?i).*/service/tickets/\\d+/?";
        });
        return simulator.control().faults().requestLog().since(0).stream()
                .filter(e -> e.method().equals(method) && path.matcher(e.path()).matches()).count();
    }

    @Override
    public HelpdeskCredentials extraCredentials() {
        return withKey(simulator.addApiKey());
    }

    @Override
    public HelpdeskCredentials regenerate(HelpdeskCredentials credentials) {
        return withKey(simulator.regenerateApiKey(credentials.value(ConnectWiseApi.PUBLIC_KEY)));
    }

    private HelpdeskCredentials withKey(horizon.simulator.connectwise.ApiMember key) {
        HelpdeskCredentials main = credentials();
        return ConnectWiseCredentials.of(main.value(ConnectWiseApi.SITE), main.value(ConnectWiseApi.HOST),
                key.companyId(), key.publicKey(), key.privateKey());
    }

    @Override
    public horizon.simulator.core.fault.RequestFaults requestFaults() {
        return simulator.control().faults().requestFaults();
    }

    @Override
    public void setApiDown(boolean down) {
        simulator.control().faults().requestFaults().setApiDown(down);
    }

    private static String writeMethod(HelpdeskEntity entity) {
        return entity == HelpdeskEntity.TICKETS ? "PATCH" : "POST";
    }

    private static String writeRoute(HelpdeskEntity entity) {
        return switch (entity) {
            case TICKET_NOTES -> "service/tickets/*/notes";
            case TIME_ENTRIES -> "time/entries";
            case TICKETS -> "service/tickets/*";
            default -> throw new IllegalArgumentException("Horizon writes no " + entity);
        };
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "ConnectWise";
    }

    private static Instant lastUpdated(JsonNode record) {
        return Timestamps.parse(record.path("_info").path("lastUpdated").asString());
    }

    private Map<Long, JsonNode> byId(Kind kind) {
        Map<Long, JsonNode> byId = new TreeMap<>();
        // Re-read from text, so numbers compare as the mirror's parsed JSON does (an int is not a long node).
        simulator.control().records(kind).forEach(row -> byId.put(row.path("id").asLong(),
                JSON.readTree(row.toString())));
        return byId;
    }
}
