package horizon.helpdesk;

import java.time.Instant;

/**
 * What every PSA record mirrored by Horizon carries, whatever the PSA: its id there, the PSA's change
 * watermark, and the JSON exactly as the PSA sent it.
 *
 * <p>Picklist codes (status, priority, issue type, note type…) are strings in every record: PSAs
 * publish them as strings ({@code "value":"5"} in Autotask), and a string compares directly with
 * {@link PicklistValue#value()}.
 */
public interface HelpdeskRecord {

    /** The record's id in the PSA. */
    long externalId();

    /**
     * The PSA's change watermark for this record (Autotask: {@code lastActivityDate}; time entries
     * {@code lastModifiedDateTime}); {@code null} for entities the PSA does not timestamp (Autotask resources).
     */
    Instant remoteUpdatedAt();

    /** The record's JSON as the PSA sent it; {@code null} only for records that never came from the PSA. */
    String rawJson();
}
