package horizon.bench;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskKind;
import horizon.simulator.core.http.RequestLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

        Size withMembers(int count) {
            return new Size(companies, contacts, count, tickets, monthsOfHistory);
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

    // ---- write-back (the writeback bench) ----

    /**
     * The ticket's status and assignee as the PSA holds them now, in Horizon's terms (Autotask: the status code and
     * {@code assignedResourceID}; ConnectWise: the board status id and the owner's member id); empty: no such ticket.
     */
    Optional<TicketFields> ticketFields(long ticketId);

    /** Whether setting this status (in Horizon's terms) completes or closes the ticket. */
    boolean completes(String status);

    /**
     * Starts watching for notes and time entries created from now on: each {@link CreatedWatch#poll()} returns those
     * stored since the previous one, each once. Cheap enough to call every few milliseconds.
     */
    CreatedWatch watchCreated();

    /** Every note and time entry the PSA holds on these tickets. */
    List<Written> writtenOn(Set<Long> ticketIds);

    /** The simulator's log of the requests it served (the last {@link RequestLog#CAPACITY}). */
    RequestLog requestLog();

    /**
     * What the PSA's page hands a framed widget about the member signed in to it (ConnectWise's
     * {@code getMemberAuthentication} answer, with a memberHash the simulator mints for that member); empty where
     * the PSA hands over no member (Autotask).
     */
    Optional<Map<String, String>> memberHandOver(long helpdeskUserId, String username);

    /**
     * A ticket's fields an agent's action changes.
     *
     * @param status     the status in Horizon's terms
     * @param assigneeId the primary assignee (resource, member), null if none
     */
    record TicketFields(String status, Long assigneeId) {
    }

    /**
     * A note or time entry in the PSA.
     *
     * @param entity "note" or "time entry"
     * @param text   the note's text, the time entry's summary
     */
    record Written(String entity, long id, long ticketId, String text) {
    }

    /** New notes and time entries, as they are stored. */
    interface CreatedWatch {

        List<Written> poll();
    }

    /**
     * Records of one entity created after the newest one at the start, found by probing the ids that follow it: both
     * simulators give each entity's records ids in sequence, so a look-up per id is all it takes (no scan). Ids just
     * ahead are probed too: two creates in flight may be stored out of order, and an id allocated to a create the
     * PSA then refused never shows; such a gap is stepped over once a later id has been seen for 2 s.
     */
    final class IdProbe {

        private static final int AHEAD = 16;
        private static final long GAP_NANOS = 2_000_000_000L;

        private final java.util.function.LongFunction<Optional<Written>> lookUp;
        private final java.util.NavigableSet<Long> seenAhead = new java.util.TreeSet<>();
        private long next;
        private long gapSince = -1;

        IdProbe(long newestAtStart, java.util.function.LongFunction<Optional<Written>> lookUp) {
            this.next = newestAtStart + 1;
            this.lookUp = lookUp;
        }

        void poll(List<Written> into) {
            for (long id = next; id < next + AHEAD; id++) {
                if (!seenAhead.contains(id)) {
                    Optional<Written> found = lookUp.apply(id);
                    if (found.isPresent()) {
                        into.add(found.get());
                        seenAhead.add(id);
                    }
                }
            }
            while (seenAhead.remove(next)) {
                next++;
            }
            long now = System.nanoTime();
            if (seenAhead.isEmpty()) {
                gapSince = -1;
            } else if (gapSince < 0) {
                gapSince = now;
            } else if (now - gapSince > GAP_NANOS) {
                next++;
                gapSince = -1;
            }
        }
    }

    @Override
    void close();
}
