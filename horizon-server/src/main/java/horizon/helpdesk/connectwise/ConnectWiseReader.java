package horizon.helpdesk.connectwise;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.DeletionFeed;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.PicklistDefinition;
import horizon.helpdesk.PicklistValue;
import horizon.helpdesk.ReaderCapabilities;
import horizon.helpdesk.RecordPage;
import horizon.helpdesk.RecordQuery;
import horizon.helpdesk.UnreadableRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a ConnectWise company for the sync engine: forward-only pages of 1,000 in id order (so id ranges can be read
 * in parallel), exact counts from {@code /count}, changes on {@code lastUpdated}, a ticket's notes under the ticket,
 * and time entries of up to 100 tickets per query. ConnectWise keeps no deletion log Horizon can read, so deletions
 * are found by comparing {@link #ids} with the mirror.
 */
@Component
class ConnectWiseReader implements HelpdeskReader {

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseReader.class);
    private static final int PAGE = ConnectWiseApi.MAX_PAGE;
    private static final ReaderCapabilities CAPABILITIES = new ReaderCapabilities(PAGE, true, true,
            Map.of(HelpdeskEntity.TICKET_NOTES, 1,
                    HelpdeskEntity.TIME_ENTRIES, ConnectWiseCollection.TICKETS_PER_TIME_QUERY),
            Set.of(HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS, HelpdeskEntity.TICKETS,
                    HelpdeskEntity.TIME_ENTRIES));

    private final ConnectWiseApi api;

    ConnectWiseReader(ConnectWiseApi api) {
        this.api = api;
    }

    @Override
    public ReaderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public long count(HelpdeskCredentials credentials, RecordQuery query) {
        ConnectWiseCollection collection = ConnectWiseCollection.of(query.entity());
        try {
            return api.count(credentials, collection.path(query), collection.conditions(query));
        } catch (HelpdeskException failure) {
            if (collection == ConnectWiseCollection.NOTES && failure.kind() == Kind.NOT_FOUND) {
                return 0; // the ticket is gone, and its notes with it
            }
            throw failure;
        }
    }

    @Override
    public RecordPage<HelpdeskRecord> page(HelpdeskCredentials credentials, RecordQuery query) {
        ConnectWiseCollection collection = ConnectWiseCollection.of(query.entity());
        List<JsonNode> items = read(credentials, collection, query, null);
        List<HelpdeskRecord> records = new ArrayList<>(items.size());
        List<UnreadableRecord> unreadable = new ArrayList<>();
        for (JsonNode item : items) {
            try {
                records.add(map(collection, item));
            } catch (RuntimeException malformed) {
                // One record Horizon cannot read must not hold up the others: it is left out and quarantined.
                unreadable.add(new UnreadableRecord(query.entity(), item.path("id").asLong(0),
                        malformed.getMessage(), item.toString()));
            }
        }
        String next = nextCursor(items);
        log.debug("connectwise read entity={} records={} unreadable={} next={}", query.entity(), records.size(),
                unreadable.size(), next);
        return new RecordPage<>(records, next, unreadable);
    }

    /** {@code fields=id}: a page of ids costs the same one request as a page of records, with a fraction of the bytes. */
    @Override
    public IdPage ids(HelpdeskCredentials credentials, RecordQuery query) {
        ConnectWiseCollection collection = ConnectWiseCollection.of(query.entity());
        List<JsonNode> items = read(credentials, collection, query, "id");
        return new IdPage(items.stream().map(item -> item.path("id").asLong()).toList(), nextCursor(items));
    }

    /** A ConnectWise ticket's number is its id: one GET of {@code service/tickets/{id}}. */
    @Override
    public Optional<HelpdeskTicket> ticketByNumber(HelpdeskCredentials credentials, String ticketNumber) {
        String number = ticketNumber == null ? "" : ticketNumber.strip();
        if (number.startsWith("#")) {
            number = number.substring(1);
        }
        long id;
        try {
            id = Long.parseLong(number);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        if (id <= 0) {
            return Optional.empty();
        }
        JsonNode item;
        try {
            item = api.get(credentials, "service/tickets/" + id, Map.of());
        } catch (HelpdeskException failure) {
            if (failure.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
        String recordType = item.path("recordType").asString("ServiceTicket");
        if (!recordType.equals("ServiceTicket")) {
            return Optional.empty();
        }
        return Optional.of((HelpdeskTicket) map(ConnectWiseCollection.TICKETS, item));
    }

    @Override
    public List<PicklistDefinition> picklistDefinitions() {
        return ConnectWisePicklists.DEFINITIONS;
    }

    /**
     * Every board (inactive ones too), then each board's statuses, types, sub-types, items and teams (one request per
     * board and list), then priorities, sources, work types and work roles; the note visibilities need no request.
     */
    @Override
    public List<PicklistValue> picklists(HelpdeskCredentials credentials) {
        List<PicklistValue> values = new ArrayList<>();
        List<JsonNode> boards = all(credentials, "service/boards");
        for (int i = 0; i < boards.size(); i++) {
            values.add(ConnectWiseRecords.picklistValue(ConnectWisePicklists.TICKET, "board", boards.get(i), i, null));
        }
        for (ConnectWisePicklists.BoardList list : ConnectWisePicklists.BOARD_LISTS) {
            for (JsonNode board : boards) {
                String boardId = String.valueOf(board.path("id").asLong());
                List<JsonNode> items = all(credentials, "service/boards/" + boardId + "/" + list.path());
                for (int i = 0; i < items.size(); i++) {
                    values.add(ConnectWiseRecords.picklistValue(ConnectWisePicklists.TICKET, list.field(), items.get(i),
                            i, boardId));
                }
            }
        }
        for (ConnectWisePicklists.SiteList list : ConnectWisePicklists.SITE_LISTS) {
            List<JsonNode> items = all(credentials, list.path());
            for (int i = 0; i < items.size(); i++) {
                values.add(ConnectWiseRecords.picklistValue(list.entity(), list.field(), items.get(i), i, null));
            }
        }
        values.addAll(ConnectWisePicklists.visibilities());
        return List.copyOf(values);
    }

    @Override
    public List<DeletionFeed> deletionFeeds() {
        return List.of();
    }

    /** @throws IllegalArgumentException always: ConnectWise has no deletion feed */
    @Override
    public DeletionPage deletions(HelpdeskCredentials credentials, DeletionFeed feed, Instant since, long afterLogId) {
        throw new IllegalArgumentException("ConnectWise has no deletion feed " + feed.name()
                + "; deletions are found by comparing ids");
    }

    /** ConnectWise publishes no request budget. */
    @Override
    public Optional<ApiBudget> budget(HelpdeskCredentials credentials) {
        return Optional.empty();
    }

    @Override
    public int requestsInLastHour(HelpdeskCredentials credentials) {
        return api.requestsInLastHour(credentials);
    }

    @Override
    public long requestsSent(HelpdeskCredentials credentials) {
        return api.requestsSent(credentials);
    }

    /** One forward-only page after the cursor (the last id read) or the range's lower end. */
    private List<JsonNode> read(HelpdeskCredentials credentials, ConnectWiseCollection collection, RecordQuery query,
                                String fields) {
        long after = query.cursor() == null ? query.idAbove() : Math.max(query.idAbove(), cursor(query.cursor()));
        try {
            return api.forwardPage(credentials, collection.path(query), collection.conditions(query), fields, after,
                    PAGE);
        } catch (HelpdeskException failure) {
            if (collection == ConnectWiseCollection.NOTES && failure.kind() == Kind.NOT_FOUND) {
                return List.of(); // the ticket is gone, and its notes with it
            }
            throw failure;
        }
    }

    /** Every record of a small list, page after page. */
    private List<JsonNode> all(HelpdeskCredentials credentials, String path) {
        List<JsonNode> records = new ArrayList<>();
        long after = 0;
        while (true) {
            List<JsonNode> page = api.forwardPage(credentials, path, ConnectWiseConditions.where(), null, after, PAGE);
            records.addAll(page);
            if (page.size() < PAGE) {
                return records;
            }
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    /** A full page may have more behind it; the cursor is its last id, as forward-only paging continues from it. */
    private static String nextCursor(List<JsonNode> items) {
        return items.size() < PAGE ? null : String.valueOf(items.get(items.size() - 1).path("id").asLong());
    }

    private static long cursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException notOurs) {
            throw new IllegalArgumentException("not a ConnectWise cursor: " + cursor, notOurs);
        }
    }

    /** ConnectWise's JSON as Horizon's record; one ConnectWise cannot have sent is a TRANSIENT failure. */
    static HelpdeskRecord map(ConnectWiseCollection collection, JsonNode item) {
        try {
            return switch (collection) {
                case MEMBERS -> ConnectWiseRecords.user(item);
                case COMPANIES -> ConnectWiseRecords.company(item);
                case CONTACTS -> ConnectWiseRecords.contact(item);
                case TICKETS -> ConnectWiseRecords.ticket(item);
                case NOTES -> ConnectWiseRecords.note(item);
                case TIME_ENTRIES -> ConnectWiseRecords.timeEntry(item);
            };
        } catch (IllegalArgumentException unreadable) {
            throw HelpdeskException.answered(Kind.TRANSIENT, "ConnectWise sent a record of " + collection.name()
                    .toLowerCase(java.util.Locale.ROOT) + " (id " + item.path("id").asLong() + ") Horizon cannot "
                    + "read: " + unreadable.getMessage(), 200, null);
        }
    }
}
