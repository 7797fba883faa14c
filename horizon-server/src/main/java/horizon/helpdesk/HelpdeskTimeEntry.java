package horizon.helpdesk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Time a resource logged against a ticket.
 *
 * @param externalId      the PSA's time entry id
 * @param ticketId        the ticket the time was logged on
 * @param resourceId      the resource who worked
 * @param roleId          the role the work was done in
 * @param dateWorked      the day worked (PSAs send midnight; only the date counts)
 * @param startAt         start of the work, when given
 * @param endAt           end of the work, when given
 * @param hoursWorked     hours worked
 * @param summaryNotes    the summary the customer may see
 * @param internalNotes   internal notes
 * @param billable        whether the time is billable (Autotask sends {@code isNonBillable}; the adapter inverts it)
 * @param createdAt       when the entry was created in the PSA
 * @param lastModifiedAt  the PSA's last change (Autotask {@code lastModifiedDateTime}, the time entry watermark)
 * @param remoteUpdatedAt the PSA watermark value, see {@link HelpdeskRecord#remoteUpdatedAt()}
 * @param rawJson         the PSA's JSON as received
 */
public record HelpdeskTimeEntry(
        long externalId,
        Long ticketId,
        Long resourceId,
        Long roleId,
        LocalDate dateWorked,
        Instant startAt,
        Instant endAt,
        BigDecimal hoursWorked,
        String summaryNotes,
        String internalNotes,
        boolean billable,
        Instant createdAt,
        Instant lastModifiedAt,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {
}
