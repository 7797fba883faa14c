package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.autotask.AutotaskGateProperties;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContext;

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
        return Map.of("horizon.autotask.discovery-url", simulator.zones().get(0).apiUrl().toLowerCase());
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
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "Autotask";
    }
}
