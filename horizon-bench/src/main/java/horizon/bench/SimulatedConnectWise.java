package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.connectwise.ConnectWiseProperties;
import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.callback.ContentSignature;
import horizon.simulator.core.http.RequestLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ConnectWise PSA simulator for the bench. Both per-minute limits are lifted so the bench measures Horizon and
 * not the pacing: the simulator's ({@link #BENCH_REQUESTS_PER_MINUTE}) and Horizon's own allowance
 * ({@code horizon.connectwise.requests-per-minute}, 300 by default). Real ConnectWise throttles at about
 * {@link #REAL_REQUESTS_PER_MINUTE} requests per minute per site, shared by every integration.
 */
final class SimulatedConnectWise implements BenchPsa {

    /** Per-minute limit of the simulator and of Horizon's allowance during the bench: out of the way. */
    static final int BENCH_REQUESTS_PER_MINUTE = 1_000_000;
    /** Where real ConnectWise starts throttling (429), per site. */
    static final int REAL_REQUESTS_PER_MINUTE = 1_000;

    private final ConnectWiseSimulator simulator;

    private SimulatedConnectWise(ConnectWiseSimulator simulator) {
        this.simulator = simulator;
    }

    static SimulatedConnectWise start(Size size) {
        return start(size, ConnectWiseOptions.defaults().seed());
    }

    /** A simulator with its own generated MSP and keys (the seed), e.g. one of many sites of the tenants bench. */
    static SimulatedConnectWise start(Size size, long seed) {
        return new SimulatedConnectWise(ConnectWiseSimulator.start(ConnectWiseOptions.defaults().withSeed(seed)
                .withSize(new ConnectWiseOptions.MspSize(size.companies(), size.contacts(), size.members(),
                        size.tickets(), size.monthsOfHistory()))
                .withRequestsPerMinute(BENCH_REQUESTS_PER_MINUTE)));
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.CONNECTWISE_MANAGE;
    }

    /** On-premise, the simulator's site URL as host (no trailing slash), the API member's company id and keys. */
    @Override
    public HelpdeskCredentials credentials() {
        ApiMember member = simulator.apiMember();
        String site = simulator.siteUrl();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("site", "onpremise");
        values.put("host", site.endsWith("/") ? site.substring(0, site.length() - 1) : site);
        values.put("companyId", member.companyId());
        values.put("publicKey", member.publicKey());
        values.put("privateKey", member.privateKey());
        return HelpdeskCredentials.of(values);
    }

    @Override
    public Map<String, String> horizonProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("horizon.connectwise.client-id", simulator.clientId());
        properties.put("horizon.connectwise.allow-insecure-loopback", "true");
        // The bench measures Horizon, not its pacing; against a real site this stays at its default (300).
        properties.put("horizon.connectwise.requests-per-minute", String.valueOf(BENCH_REQUESTS_PER_MINUTE));
        return properties;
    }

    @Override
    public void setLatency(Duration latency) {
        simulator.control().faults().requestFaults().setLatency(latency);
    }

    @Override
    public long okRequests() {
        long ok = 0;
        for (JsonNode byStatus : simulator.control().counters().path("requests")) {
            ok += byStatus.path("200").asLong(0);
        }
        return ok;
    }

    @Override
    public int peakInFlight() {
        return simulator.control().counters().path("peakInFlight").asInt();
    }

    @Override
    public String peakScope() {
        return "in all";
    }

    /** Horizon's requests in flight per tenant (one tenant here), {@code horizon.connectwise.requests-in-flight}. */
    @Override
    public int floorInFlight(ApplicationContext horizon) {
        return horizon.getBean(ConnectWiseProperties.class).requestsInFlight();
    }

    @Override
    public String floorInFlightNote() {
        return "horizon.connectwise.requests-in-flight, per tenant";
    }

    /** Tickets, their notes, and the time entries charged to service tickets (the only ones Horizon mirrors). */
    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tickets", (long) simulator.control().records(Kind.TICKETS).size());
        counts.put("ticket_notes", (long) simulator.control().records(Kind.NOTES).size());
        counts.put("time_entries", simulator.control().records(Kind.TIME_ENTRIES).stream()
                .filter(t -> "ServiceTicket".equals(t.path("chargeToType").asString(""))).count());
        return counts;
    }

    @Override
    public String pacingNote(long requests) {
        return String.format(Locale.ROOT, "Per-minute limits lifted for the bench (simulator and "
                + "horizon.connectwise.requests-per-minute at %,d). Real ConnectWise throttles at about %,d requests "
                + "per minute per site: these %,d requests would take at least %.0f minutes there.",
                BENCH_REQUESTS_PER_MINUTE, REAL_REQUESTS_PER_MINUTE, requests,
                requests / (double) REAL_REQUESTS_PER_MINUTE);
    }

    @Override
    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> byEndpoint = new TreeMap<>();
        simulator.control().counters().path("requests").properties().forEach(e -> {
            long all = 0;
            for (JsonNode count : e.getValue()) {
                all += count.asLong(0);
            }
            byEndpoint.put(e.getKey(), all);
        });
        return byEndpoint;
    }

    @Override
    public long webhooksDelivered() {
        return simulator.control().callbackCounters().getOrDefault("delivered", 0L);
    }

    @Override
    public void retitleTicket(long ticketId, String title) {
        simulator.control().update(Kind.TICKETS, ticketId, Map.of("summary", title));
    }

    @Override
    public void setWebhookDropRate(double rate) {
        simulator.control().faults().deliveryFaults().dropRate(rate);
    }

    /**
     * Ticket "updated" callbacks for Horizon's ticket callback, as {@code CallbackDelivery} builds them: the record as a
     * JSON string in {@code Entity} (its {@code _info.lastUpdated} set to the announced time), {@code Metadata.key_url}
     * naming the simulator's current signing key on its site, posted to the callback's URL with the ticket id appended
     * and signed with {@link ContentSignature} under that key.
     */
    @Override
    public HookPlayer hookPlayer() {
        ObjectNode callbacks = simulator.control().callbacks();
        JsonNode callback = null;
        for (JsonNode registered : callbacks.path("callbacks")) {
            if ("ticket".equals(registered.path("type").asString())
                    && !registered.path("inactiveFlag").asBoolean(false)
                    && registered.path("url").asString("").contains("/hooks/")) {
                callback = registered;
            }
        }
        if (callback == null) {
            throw new IllegalStateException("Horizon has no active ticket callback in the simulator: " + callbacks);
        }
        long callbackId = callback.path("id").asLong();
        String url = callback.path("url").asString();
        String signingKey = callbacks.path("signingKey").path("signingKey").asString();
        String keyUrl = callbacks.path("signingKey").path("keyUrl").asString();
        String companyId = simulator.apiMember().companyId();
        String site = simulator.siteUrl();
        String partner = UUID.nameUUIDFromBytes(("partner" + companyId).getBytes(StandardCharsets.UTF_8)).toString();
        Map<Long, ObjectNode> tickets = new ConcurrentHashMap<>();
        return (ticketId, sequence, at) -> {
            ObjectNode record = tickets.computeIfAbsent(ticketId, id -> simulator.control().get(Kind.TICKETS, id)
                    .orElseThrow(() -> new IllegalArgumentException("no ticket " + id))).deepCopy();
            ObjectNode info = record.has("_info") && record.get("_info").isObject()
                    ? (ObjectNode) record.get("_info") : record.putObject("_info");
            info.put("lastUpdated", at.toString());
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("Action", "updated");
            payload.put("CallbackObjectRecId", callbackId);
            payload.put("CompanyId", companyId);
            payload.put("Entity", MAPPER.writeValueAsString(record));
            payload.put("FromUrl", site);
            payload.put("ID", ticketId);
            payload.put("MemberId", "bench");
            payload.put("MessageId", UUID.nameUUIDFromBytes(("bench-" + sequence).getBytes(StandardCharsets.UTF_8))
                    .toString());
            payload.putObject("Metadata").put("key_url", keyUrl);
            payload.put("PartnerId", partner);
            payload.put("ProductInstanceId", partner);
            payload.put("Type", "ticket");
            byte[] body = MAPPER.writeValueAsBytes(payload);
            return new SignedCall(URI.create(url + ticketId), Map.of(ContentSignature.HEADER,
                    ContentSignature.sign(signingKey, body), "Content-Type", "application/json"), body);
        };
    }

    @Override
    public Optional<TicketFields> ticketFields(long ticketId) {
        return simulator.control().get(Kind.TICKETS, ticketId).map(ticket -> new TicketFields(
                ticket.path("status").path("id").isNumber() ? String.valueOf(ticket.path("status").path("id").asLong())
                        : null,
                ticket.path("owner").path("id").isNumber() ? ticket.path("owner").path("id").asLong() : null));
    }

    /** A board status marked closed ({@code closedStatus}). */
    @Override
    public boolean completes(String status) {
        return simulator.control().get(Kind.BOARD_STATUSES, Long.parseLong(status))
                .map(s -> s.path("closedStatus").asBoolean(false)).orElse(false);
    }

    @Override
    public CreatedWatch watchCreated() {
        IdProbe notes = new IdProbe(newest(Kind.NOTES), id -> simulator.control().get(Kind.NOTES, id)
                .map(SimulatedConnectWise::note));
        IdProbe entries = new IdProbe(newest(Kind.TIME_ENTRIES), id -> simulator.control().get(Kind.TIME_ENTRIES, id)
                .filter(t -> "ServiceTicket".equals(t.path("chargeToType").asString("")))
                .map(SimulatedConnectWise::timeEntry));
        return () -> {
            List<Written> found = new ArrayList<>();
            notes.poll(found);
            entries.poll(found);
            return found;
        };
    }

    /** The newest id of a collection: {@code randomId} among the newest one. */
    private long newest(Kind kind) {
        return simulator.control().randomId(kind, new Random(), 1).orElse(0L);
    }

    @Override
    public List<Written> writtenOn(Set<Long> ticketIds) {
        List<Written> written = new ArrayList<>();
        simulator.control().records(Kind.NOTES).stream().map(SimulatedConnectWise::note)
                .filter(n -> ticketIds.contains(n.ticketId())).forEach(written::add);
        simulator.control().records(Kind.TIME_ENTRIES).stream()
                .filter(t -> "ServiceTicket".equals(t.path("chargeToType").asString("")))
                .map(SimulatedConnectWise::timeEntry).filter(t -> ticketIds.contains(t.ticketId()))
                .forEach(written::add);
        return written;
    }

    private static Written note(JsonNode note) {
        return new Written("note", note.path("id").asLong(), note.path("ticketId").asLong(),
                note.path("text").asString(""));
    }

    private static Written timeEntry(JsonNode entry) {
        return new Written("time entry", entry.path("id").asLong(), entry.path("chargeToId").asLong(),
                entry.path("notes").asString(""));
    }

    @Override
    public RequestLog requestLog() {
        return simulator.control().faults().requestLog();
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public Optional<Map<String, String>> memberHandOver(long helpdeskUserId, String username) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("site", URI.create(simulator.siteUrl()).getHost());
        fields.put("companyid", simulator.apiMember().companyId());
        fields.put("memberid", username);
        fields.put("memberHash", simulator.control().mintMemberHash(helpdeskUserId));
        fields.put("memberContext", UUID.randomUUID().toString());
        fields.put("memberEmail", username + "@bench.horizon.local");
        return Optional.of(fields);
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "ConnectWise";
    }
}
