package horizon.helpdesk;

/**
 * A record the PSA sent that its adapter could not read (a malformed date, a field of the wrong type): it is left out of
 * its page, which goes on with the others, and the sync engine quarantines it where the admin can see it.
 *
 * @param entity     what it is
 * @param externalId its PSA id; 0 when even that could not be read
 * @param reason     why it could not be read, naming the field
 * @param excerpt    the start of the record as the PSA sent it (at most {@link #EXCERPT} characters)
 */
public record UnreadableRecord(HelpdeskEntity entity, long externalId, String reason, String excerpt) {

    /** How much of the record's text is kept. */
    public static final int EXCERPT = 500;

    public UnreadableRecord {
        excerpt = excerpt == null ? "" : excerpt.length() <= EXCERPT ? excerpt : excerpt.substring(0, EXCERPT) + "…";
    }
}
