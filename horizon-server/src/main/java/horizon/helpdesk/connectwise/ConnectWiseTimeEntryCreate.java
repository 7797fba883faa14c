package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs an agent's time on a ticket: {@code POST time/entries} charged to the service ticket, under the author's
 * member, from start to end in whole UTC seconds, the summary as its notes, the work role when the write names one;
 * the billable option is left to ConnectWise's default for the work type. Finds the entry an earlier attempt made.
 */
final class ConnectWiseTimeEntryCreate {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final String SERVICE_TICKET = "ServiceTicket";

    private final ConnectWiseApi api;

    ConnectWiseTimeEntryCreate(ConnectWiseApi api) {
        this.api = api;
    }

    HelpdeskTimeEntry send(HelpdeskCredentials credentials, HelpdeskWrite.LogTime time) {
        Instant start = time.start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = time.end().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = api.newObject();
        body.put("chargeToType", SERVICE_TICKET);
        body.put("chargeToId", time.ticketId());
        body.putObject("member").put("id", time.author().resourceId());
        body.put("timeStart", UTC.format(start));
        body.put("timeEnd", UTC.format(end));
        body.put("actualHours", hours(start, end));
        body.put("notes", ConnectWiseStoredText.of(time.summary()));
        if (time.roleId() != null) {
            body.putObject("workRole").put("id", time.roleId());
        }
        return (HelpdeskTimeEntry) ConnectWiseReader.map(ConnectWiseCollection.TIME_ENTRIES,
                api.post(credentials, "time/entries", body));
    }

    /**
     * The author's entry on the ticket entered at or after {@code since} (to the second) with this write's start, end
     * and summary, lowest id first, not in {@code taken}.
     */
    Optional<HelpdeskTimeEntry> find(HelpdeskCredentials credentials, HelpdeskWrite.LogTime time, Instant since,
                                     Set<Long> taken) {
        ConnectWiseConditions conditions = ConnectWiseConditions.where()
                .equalsNumber("chargeToId", time.ticketId())
                .equalsText("chargeToType", SERVICE_TICKET)
                .equalsNumber("member/id", time.author().resourceId())
                .atOrAfter("dateEntered", since);
        Instant start = time.start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = time.end().truncatedTo(ChronoUnit.SECONDS);
        String notes = ConnectWiseStoredText.of(time.summary());
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        long after = 0;
        while (true) {
            List<JsonNode> page = api.forwardPage(credentials, "time/entries", conditions, null, after,
                    ConnectWiseApi.MAX_PAGE);
            for (JsonNode item : page) {
                HelpdeskTimeEntry candidate = (HelpdeskTimeEntry) ConnectWiseReader.map(
                        ConnectWiseCollection.TIME_ENTRIES, item);
                if (!taken.contains(candidate.externalId()) && start.equals(candidate.startAt())
                        && end.equals(candidate.endAt()) && notes.equals(Objects.toString(candidate.summaryNotes(), ""))
                        && (candidate.createdAt() == null || !candidate.createdAt().isBefore(from))) {
                    return Optional.of(candidate);
                }
            }
            if (page.size() < ConnectWiseApi.MAX_PAGE) {
                return Optional.empty();
            }
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    /** The hours between start and end to two decimals, as ConnectWise keeps them (90 minutes: 1.50). */
    static BigDecimal hours(Instant start, Instant end) {
        return BigDecimal.valueOf(Duration.between(start, end).toSeconds())
                .divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
    }
}
