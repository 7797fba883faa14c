package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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

    // ---- webhooks (the callback benches) ----

    /**
     * Every request the simulator answered so far, by endpoint (all statuses): what Horizon asked of the PSA. The
     * simulator's own control API is called in-process and is not counted.
     */
    Map<String, Long> requestsByEndpoint();

    /** All of {@link #requestsByEndpoint()}. */
    default long requests() {
        return requestsByEndpoint().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Webhook calls the simulator delivered (answered 2xx) so far. */
    long webhooksDelivered();

    /** Changes a ticket's title (Autotask {@code title}, ConnectWise {@code summary}) as a PSA user would. */
    void retitleTicket(long ticketId, String title);

    /** The share of webhook events the simulator drops instead of delivering (1.0: webhooks dead). */
    void setWebhookDropRate(double rate);

    /**
     * Plays the PSA: signed calls to Horizon's registered ticket webhook, built exactly as the simulator builds and
     * signs its own. Only after Horizon registered its webhooks.
     */
    HookPlayer hookPlayer();

    /** Builds the calls the PSA would make to Horizon's ticket webhook. */
    interface HookPlayer {

        /**
         * A ticket "updated" call for this ticket, announcing a change at {@code at}.
         *
         * @param sequence this call's number (Autotask's SequenceNumber; ConnectWise's MessageId is derived from it)
         */
        SignedCall ticketUpdated(long ticketId, long sequence, Instant at);
    }

    /**
     * One webhook call, as the PSA sends it.
     *
     * @param uri     Horizon's registered webhook URL (with the PSA's query, if any)
     * @param headers the signature header and the content type
     * @param body    the exact signed bytes
     */
    record SignedCall(URI uri, Map<String, String> headers, byte[] body) {

        /** The same call to another path: {@code /hooks/{psa}/...} becomes {@code /hooks/noop/...}. */
        SignedCall to(String segment) {
            String text = uri.toString();
            int hooks = text.indexOf("/hooks/");
            int next = text.indexOf('/', hooks + "/hooks/".length());
            return new SignedCall(URI.create(text.substring(0, hooks) + "/hooks/" + segment + text.substring(next)),
                    headers, body);
        }
    }

    @Override
    void close();
}
