package horizon.helpdesk;

import java.time.Instant;

/**
 * A PSA ticket with the fields Horizon works with.
 *
 * @param externalId         the PSA's ticket id
 * @param number             the ticket number people quote, e.g. {@code T20250915.0001}
 * @param title              the ticket's title
 * @param description        plain-text description
 * @param status             status picklist code
 * @param priority           priority picklist code
 * @param queueId            the queue (Autotask {@code queueID}, a picklist whose values are queue ids)
 * @param issueType          issue type picklist code
 * @param subIssueType       sub-issue type picklist code (its parent is the issue type)
 * @param source             source picklist code
 * @param ticketType         ticket type picklist code
 * @param companyId          the company's PSA id
 * @param contactId          the contact's PSA id
 * @param assigneeResourceId the primary resource's PSA id
 * @param assigneeRoleId     the role the primary resource works the ticket in
 * @param dueAt              due date and time
 * @param createdAt          when the ticket was created in the PSA
 * @param completedAt        when it was completed
 * @param lastActivityAt     the PSA's last activity on the ticket (Autotask {@code lastActivityDate})
 * @param remoteUpdatedAt    the PSA watermark value, see {@link HelpdeskRecord#remoteUpdatedAt()}
 * @param rawJson            the PSA's JSON as received
 */
public record HelpdeskTicket(
        long externalId,
        String number,
        String title,
        String description,
        String status,
        String priority,
        Long queueId,
        String issueType,
        String subIssueType,
        String source,
        String ticketType,
        Long companyId,
        Long contactId,
        Long assigneeResourceId,
        Long assigneeRoleId,
        Instant dueAt,
        Instant createdAt,
        Instant completedAt,
        Instant lastActivityAt,
        Instant remoteUpdatedAt,
        String rawJson) implements HelpdeskRecord {
}
