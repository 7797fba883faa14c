package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The simulated PSA a backfill bench runs against: the one seam between {@link BackfillBench} and a simulator.
 * Started at a size, it gives Horizon its credentials and properties, and afterwards says what it served (OK
 * requests, peak concurrency) and what it holds (tickets, notes, time entries) for the "mirror matches" check.
 */
interface BenchPsa extends AutoCloseable {

    /** Which PSA to simulate; {@code --psa autotask|connectwise}. */
    enum Product {
        AUTOTASK, CONNECTWISE;

        static Product parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "autotask" -> AUTOTASK;
                case "connectwise", "connectwise-manage", "cw" -> CONNECTWISE;
                default -> throw new IllegalArgumentException("unknown PSA " + text + " (autotask or connectwise)");
            };
        }

        /** Starts this PSA's simulator with a generated MSP of this size. */
        BenchPsa start(Size size) {
            return switch (this) {
                case AUTOTASK -> SimulatedAutotask.start(size);
                case CONNECTWISE -> SimulatedConnectWise.start(size);
            };
        }
    }

    /**
     * The generated MSP, the same for every PSA.
     *
     * @param companies       companies
     * @param contacts        contacts
     * @param members         technicians (resources, members)
     * @param tickets         tickets, with their notes and time entries
     * @param monthsOfHistory how far back the tickets go
     */
    record Size(int companies, int contacts, int members, int tickets, int monthsOfHistory) {

        /** The bench's MSP: one company per 100 tickets (at least 40), ten contacts each, 12 technicians, 18 months. */
        static Size forTickets(int tickets) {
            int companies = Math.max(40, tickets / 100);
            return new Size(companies, companies * 10, 12, tickets, 18);
        }
    }

    /** The connector Horizon uses for this PSA. */
    HelpdeskKind kind();

    /** What an admin would type into the onboarding wizard. */
    HelpdeskCredentials credentials();

    /** Horizon's properties for reaching this simulator (and, for the bench, its own pacing). */
    Map<String, String> horizonProperties();

    /** Latency the simulator adds to every API request from now on. */
    void setLatency(Duration latency);

    /** API requests the simulator has answered with 200 so far (data endpoints). */
    long okRequests();

    /** The most concurrent requests the simulator saw, in the scope {@link #peakScope()} says. */
    int peakInFlight();

    /** Over what {@link #peakInFlight()} is counted: "per endpoint" or "in all". */
    String peakScope();

    /**
     * The requests in flight a perfect client may keep, as Horizon is configured: the divisor of the floor (requests
     * × latency ÷ in flight).
     */
    int floorInFlight(ApplicationContext horizon);

    /** What the floor's in-flight number means, for the report. */
    String floorInFlightNote();

    /**
     * What the simulator holds that a backfill over the whole history must mirror, keyed by the mirror's entity
     * names: {@code tickets}, {@code ticket_notes}, {@code time_entries} (ticket time only).
     */
    Map<String, Long> counts();

    /** A line for the report on how this bench's pace compares with the real PSA's; empty if nothing to say. */
    String pacingNote(long requests);

    @Override
    void close();
}
