package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.RecordQuery;
import java.util.List;

/**
 * Where each entity Horizon reads lives in ConnectWise's REST API, and the conditions that turn a neutral
 * {@link RecordQuery} into ConnectWise's: only service tickets, only time charged to a service ticket, changes on
 * {@code lastUpdated}, which every record carries in {@code _info}; a query by ids reads {@code id in (…)} on any of
 * them (a ticket's notes still one ticket at a time).
 */
enum ConnectWiseCollection {
    MEMBERS("system/members", false),
    COMPANIES("company/companies", true),
    CONTACTS("company/contacts", true),
    TICKETS("service/tickets", true),
    NOTES("service/tickets/%d/notes", false),
    TIME_ENTRIES("time/entries", true);

    /** Time entries of at most this many tickets per query; their ids fit a URL of about 2,000 characters. */
    static final int TICKETS_PER_TIME_QUERY = 100;

    private final String path;
    private final boolean watermarked;

    ConnectWiseCollection(String path, boolean watermarked) {
        this.path = path;
        this.watermarked = watermarked;
    }

    static ConnectWiseCollection of(HelpdeskEntity entity) {
        return switch (entity) {
            case HELPDESK_USERS -> MEMBERS;
            case COMPANIES -> COMPANIES;
            case CONTACTS -> CONTACTS;
            case TICKETS -> TICKETS;
            case TICKET_NOTES -> NOTES;
            case TIME_ENTRIES -> TIME_ENTRIES;
        };
    }

    /** Whether changes can be read on {@code lastUpdated} across all records; notes and members are read in full. */
    boolean watermarked() {
        return watermarked;
    }

    /**
     * The path the query reads: a ticket's notes live under the ticket, so a notes query names exactly one.
     *
     * @throws IllegalArgumentException when a notes query does not name one ticket, or a time entry query too many
     */
    String path(RecordQuery query) {
        if (this == NOTES) {
            if (query.ticketIds().size() != 1) {
                throw new IllegalArgumentException("ConnectWise lists notes one ticket at a time; the query names "
                        + query.ticketIds().size() + " tickets");
            }
            return path.formatted(query.ticketIds().get(0));
        }
        if (this == TIME_ENTRIES && query.ticketIds().size() > TICKETS_PER_TIME_QUERY) {
            throw new IllegalArgumentException("at most " + TICKETS_PER_TIME_QUERY + " tickets per time entry query, "
                    + "the query names " + query.ticketIds().size());
        }
        return path;
    }

    /** The query's conditions in ConnectWise's language. */
    ConnectWiseConditions conditions(RecordQuery query) {
        ConnectWiseConditions conditions = ConnectWiseConditions.where();
        if (this == TICKETS) {
            conditions.equalsText("recordType", "ServiceTicket");
        }
        if (this == TIME_ENTRIES) {
            conditions.equalsText("chargeToType", "ServiceTicket");
            List<Long> tickets = query.ticketIds();
            if (!tickets.isEmpty()) {
                conditions.in("chargeToId", tickets);
            }
        }
        if (!query.ids().isEmpty()) {
            // at most 500 ids: one request (a long list travels in a search's body)
            conditions.in("id", query.ids());
        }
        if (query.idAbove() > 0) {
            conditions.idAbove(query.idAbove());
        }
        conditions.idAtMost(query.idAtMost());
        if (watermarked) {
            conditions.atOrAfter("lastUpdated", query.changedSince()).before("lastUpdated", query.changedBefore());
        }
        return conditions;
    }
}
