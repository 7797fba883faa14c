package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskTicket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The status that completes a ticket: a closed status of its board ({@code service/boards/{id}/statuses}). Of the
 * board's active closed statuses, one named "Completed" or "Closed" is preferred, then the board's own order. Cached
 * per tenant and board for an hour: boards change rarely, and a status change should not cost a second request.
 */
final class ConnectWiseCompleteStatus {

    static final Duration TTL = Duration.ofHours(1);
    private static final List<String> PREFERRED_NAMES = List.of("completed", "closed", "complete");

    private final ConnectWiseApi api;
    private final Clock clock;
    private final Map<String, Found> byBoard = new ConcurrentHashMap<>();

    private record Found(String statusId, Instant at) {
    }

    ConnectWiseCompleteStatus(ConnectWiseApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** @throws HelpdeskException NOT_FOUND when the ticket's board has no active closed status */
    String of(HelpdeskCredentials credentials, HelpdeskTicket ticket) {
        long board = ticket.queueId() != null ? ticket.queueId() : boardOf(credentials, ticket.externalId());
        String key = api.site(credentials).base() + "|"
                + credentials.value(ConnectWiseApi.COMPANY_ID).toLowerCase(Locale.ROOT) + "|" + board;
        Found known = byBoard.get(key);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.at().plus(TTL))) {
            return known.statusId();
        }
        List<JsonNode> statuses = api.forwardPage(credentials, "service/boards/" + board + "/statuses",
                ConnectWiseConditions.where(), null, 0, ConnectWiseApi.MAX_PAGE);
        String statusId = choose(statuses).map(status -> String.valueOf(status.path("id").asLong()))
                .orElseThrow(() -> HelpdeskException.answered(Kind.NOT_FOUND, "ConnectWise board " + board
                        + " has no active closed status, so Horizon cannot complete ticket " + ticket.externalId()
                        + ". Mark one of the board's statuses Closed in ConnectWise (Service Desk › Service Boards ›"
                        + " Statuses).", 200, null));
        byBoard.put(key, new Found(statusId, now));
        return statusId;
    }

    /** The active closed status to use, of a board's statuses. */
    static Optional<JsonNode> choose(List<JsonNode> statuses) {
        return statuses.stream()
                .filter(s -> s.path("closedStatus").asBoolean(false) && !s.path("inactive").asBoolean(false))
                .min(Comparator.<JsonNode>comparingInt(s -> preferredName(s) ? 0 : 1)
                        .thenComparingInt(s -> s.path("sortOrder").asInt(Integer.MAX_VALUE))
                        .thenComparingLong(s -> s.path("id").asLong()));
    }

    private static boolean preferredName(JsonNode status) {
        return PREFERRED_NAMES.contains(status.path("name").asString("").strip().toLowerCase(Locale.ROOT));
    }

    /** A ticket Horizon knows without its board: one GET of the ticket. */
    private long boardOf(HelpdeskCredentials credentials, long ticketId) {
        JsonNode ticket = api.get(credentials, "service/tickets/" + ticketId, Map.of());
        Long board = ConnectWiseRecords.refId(ticket, "board");
        if (board == null) {
            throw HelpdeskException.answered(Kind.NOT_FOUND, "ConnectWise ticket " + ticketId + " is on no board, so "
                    + "it has no closed status.", 200, null);
        }
        return board;
    }
}
