package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskWrite;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs the author's time on a ticket ({@code POST TimeEntries} as the author, {@code resourceID} the author, in the
 * given role or their default one), and finds the entry an earlier attempt logged.
 */
final class AutotaskTimeEntryCreate {

    /** Autotask may keep start and end with fewer digits than sent; within this they are the same time. */
    static final Duration SAME_TIME = Duration.ofMinutes(1);

    private final AutotaskApi api;
    private final AutotaskDefaultRole defaultRole;
    private final AutotaskReadBack readBack;

    AutotaskTimeEntryCreate(AutotaskApi api, AutotaskDefaultRole defaultRole, AutotaskReadBack readBack) {
        this.api = api;
        this.defaultRole = defaultRole;
        this.readBack = readBack;
    }

    HelpdeskTimeEntry send(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write) {
        long resource = write.author().resourceId();
        long role = write.roleId() != null ? write.roleId() : defaultRole.of(credentials, resource);
        // Autotask sets timeEntryType itself (read-only; Ticket for a ticket's time). dateWorked is the UTC day of the
        // start: Horizon does not know the database's time zone.
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("ticketID", write.ticketId())
                .put("resourceID", resource)
                .put("roleID", role)
                .put("dateWorked", AutotaskDates.format(write.start().truncatedTo(ChronoUnit.DAYS)))
                .put("startDateTime", AutotaskDates.format(write.start()))
                .put("endDateTime", AutotaskDates.format(write.end()))
                .put("hoursWorked", hoursWorked(write.worked()))
                .put("summaryNotes", write.summary());
        JsonNode answer = api.post(credentials, "TimeEntries", body, resource);
        return readBack.timeEntry(credentials, AutotaskReadBack.itemId(answer, "time entry"));
    }

    /**
     * The oldest entry on the write's ticket by its author, created at or after {@code since}, with its start, end and
     * summary, whose id is not taken.
     */
    Optional<HelpdeskTimeEntry> find(HelpdeskCredentials credentials, HelpdeskWrite.LogTime write, Instant since,
                                     Set<Long> taken) {
        long cursor = 0;
        while (true) {
            AutotaskSearch search = AutotaskSearch.where().idAbove(cursor)
                    .compare("eq", "ticketID", write.ticketId())
                    .compare("eq", "resourceID", write.author().resourceId())
                    .since("createDateTime", since);
            JsonNode items = api.query(credentials, "TimeEntries/query", search.page(500)).path("items");
            for (JsonNode item : items) {
                cursor = Math.max(cursor, item.path("id").asLong());
                if (!taken.contains(item.path("id").asLong())
                        && sameTime(AutotaskRecords.instant(item, "startDateTime"), write.start())
                        && sameTime(AutotaskRecords.instant(item, "endDateTime"), write.end())
                        && AutotaskReadBack.sameText(AutotaskRecords.text(item, "summaryNotes"), write.summary())) {
                    return Optional.of(AutotaskReadBack.mapped(item, AutotaskRecords::timeEntry));
                }
            }
            if (items.size() < 500) {
                return Optional.empty();
            }
        }
    }

    /**
     * Hours between start and end to 4 decimals, so 20 minutes is not cut to the 0.33 Autotask shows; written plainly
     * (10, not 1E+1).
     */
    static BigDecimal hoursWorked(Duration worked) {
        BigDecimal hours = BigDecimal.valueOf(worked.toMillis())
                .divide(BigDecimal.valueOf(Duration.ofHours(1).toMillis()), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return hours.scale() < 0 ? hours.setScale(0) : hours;
    }

    private static boolean sameTime(Instant stored, Instant sent) {
        return stored != null && Duration.between(stored, sent).abs().compareTo(SAME_TIME) < 0;
    }
}
