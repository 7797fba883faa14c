package horizon.helpdesk;

/** The kinds of PSA record Horizon reads, each with the PSA-neutral record type it arrives as. */
public enum HelpdeskEntity {
    HELPDESK_USERS(HelpdeskUser.class),
    COMPANIES(HelpdeskCompany.class),
    CONTACTS(HelpdeskContact.class),
    TICKETS(HelpdeskTicket.class),
    TICKET_NOTES(HelpdeskNote.class),
    TIME_ENTRIES(HelpdeskTimeEntry.class);

    private final Class<? extends HelpdeskRecord> recordType;

    HelpdeskEntity(Class<? extends HelpdeskRecord> recordType) {
        this.recordType = recordType;
    }

    public Class<? extends HelpdeskRecord> recordType() {
        return recordType;
    }
}
