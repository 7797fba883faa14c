package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads back what a write changed or created, mapped by {@link AutotaskRecords}: Autotask answers a write with the
 * record's id only ({@code {"itemId": n}}).
 */
final class AutotaskReadBack {

    private final AutotaskApi api;

    AutotaskReadBack(AutotaskApi api) {
        this.api = api;
    }

    /** {@code GET Tickets/{id}}; empty when Autotask has no such ticket. */
    Optional<HelpdeskTicket> ticket(HelpdeskCredentials credentials, long ticketId) {
        return api.item(credentials, "Tickets/" + ticketId).map(item -> mapped(item, AutotaskRecords::ticket));
    }

    /** The ticket a write just changed or created. */
    HelpdeskTicket written(HelpdeskCredentials credentials, long ticketId) {
        return ticket(credentials, ticketId).orElseThrow(() -> vanished("ticket", ticketId));
    }

    /** {@code GET Tickets/{ticketId}/Notes/{id}}: the note a write just created. */
    HelpdeskNote note(HelpdeskCredentials credentials, long ticketId, long noteId) {
        return api.item(credentials, "Tickets/" + ticketId + "/Notes/" + noteId)
                .map(item -> mapped(item, AutotaskRecords::note)).orElseThrow(() -> vanished("ticket note", noteId));
    }

    /** {@code GET TimeEntries/{id}}: the time entry a write just created. */
    HelpdeskTimeEntry timeEntry(HelpdeskCredentials credentials, long entryId) {
        return api.item(credentials, "TimeEntries/" + entryId)
                .map(item -> mapped(item, AutotaskRecords::timeEntry)).orElseThrow(() -> vanished("time entry", entryId));
    }

    /** The id in a create's answer. */
    static long itemId(JsonNode answer, String entity) {
        JsonNode id = answer.path("itemId");
        if (!id.isNumber()) {
            throw HelpdeskException.answered(Kind.TRANSIENT, "Autotask accepted the " + entity
                    + " but did not say its id.", 200, null);
        }
        return id.asLong();
    }

    static <T> T mapped(JsonNode item, Function<JsonNode, T> mapping) {
        try {
            return mapping.apply(item);
        } catch (IllegalArgumentException unreadable) {
            throw HelpdeskException.answered(Kind.TRANSIENT, "Autotask sent a record (id " + item.path("id").asLong()
                    + ") Horizon cannot read: " + unreadable.getMessage(), 200, null);
        }
    }

    /**
     * Whether a text Autotask stores is the one Horizon sent: Autotask may store line breaks as {@code \r\n} and
     * trims, so both sides are compared with {@code \n} breaks and without surrounding blanks.
     */
    static boolean sameText(String stored, String sent) {
        return asStored(stored).equals(asStored(sent));
    }

    static String asStored(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    // A write that was accepted but cannot be read back: retriable, so the outbox asks findCreated before a resend.
    private static HelpdeskException vanished(String entity, long id) {
        return HelpdeskException.answered(Kind.TRANSIENT, "Autotask accepted the change but did not return " + entity
                + " " + id + " when Horizon read it back.", 200, null);
    }
}
