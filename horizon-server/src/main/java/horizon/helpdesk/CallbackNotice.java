package horizon.helpdesk;

import java.time.Instant;

/**
 * One change a PSA announced: a hint that a record changed, never the record's data.
 *
 * @param type         the PSA's own name for the record type, as sent ({@code Ticket}, {@code ticket}, …)
 * @param entity       the neutral entity, or null when Horizon does not mirror that type (the notice is then ignored)
 * @param externalId   the record's PSA id; 0 for a {@link Action#DEACTIVATED} notice
 * @param action       what happened
 * @param sequence     the PSA's sequence number or message id, or null
 * @param occurredAt   when the PSA says the change happened, or null
 * @param person       who made the change, as the PSA names them, or null
 * @param hookReference the webhook the call came through (Autotask GUID; ConnectWise callback id), or null
 * @param ticketNumber the ticket number the call carried, or null
 */
public record CallbackNotice(String type, HelpdeskEntity entity, long externalId, Action action, String sequence,
                             Instant occurredAt, String person, String hookReference, String ticketNumber) {

    /** What the PSA says happened to the record. */
    public enum Action {
        CREATED, UPDATED, DELETED,
        /** The PSA switched the webhook off (Autotask's DeactivationUrl call): register again. */
        DEACTIVATED
    }
}
