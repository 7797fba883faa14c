package horizon.helpdesk;

/**
 * One picklist a PSA has, under the PSA's own names, with the neutral role it plays so that features can find "the
 * status list" of any PSA. The adapter lists them in the order people expect to see them.
 *
 * @param entity      the PSA's entity name, e.g. {@code Tickets} (Autotask) or {@code Ticket} (ConnectWise)
 * @param field       the PSA's field name, e.g. {@code queueID} or {@code board}
 * @param entityLabel what the entity is called on the Picklist Database page
 * @param label       what the field is called, e.g. "Queue" or "Service board"
 * @param role        what it is in Horizon's vocabulary
 * @param parentField the field whose value each value belongs to (a sub-issue type under its issue type, a board's
 *                    statuses under the board), null when the list stands alone
 */
public record PicklistDefinition(String entity, String field, String entityLabel, String label, Role role,
                                 String parentField) {

    /** The neutral vocabulary: what every PSA has, whatever it calls it. */
    public enum Role {
        STATUS, PRIORITY, QUEUE, TYPE, SUB_TYPE, ITEM, TEAM, SOURCE, CATEGORY, NOTE_TYPE, NOTE_VISIBILITY, WORK_TYPE,
        WORK_ROLE, COMPANY_TYPE, OTHER
    }
}
