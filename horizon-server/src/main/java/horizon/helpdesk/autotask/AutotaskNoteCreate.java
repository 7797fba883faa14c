package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import horizon.helpdesk.PicklistValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds a note to a ticket as its author ({@code POST Tickets/{id}/Notes} with {@code ImpersonationResourceId}), and
 * finds the note an earlier attempt added.
 */
final class AutotaskNoteCreate {

    /** A title made from the text is cut here: long enough to say what the note is about, short for note lists. */
    static final int MADE_TITLE_LENGTH = 100;
    static final String ALL_USERS = "All Autotask Users";
    static final String INTERNAL_ONLY = "Internal Only";

    private static final String NOTES = "TicketNotes";

    private final AutotaskApi api;
    private final AutotaskPicklistCache picklists;
    private final AutotaskReadBack readBack;

    AutotaskNoteCreate(AutotaskApi api, AutotaskPicklistCache picklists, AutotaskReadBack readBack) {
        this.api = api;
        this.picklists = picklists;
        this.readBack = readBack;
    }

    /** The note type and publish codes a visibility is sent as. */
    record Flags(String noteType, String publish) {
    }

    HelpdeskNote send(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write) {
        Flags flags = flags(write.visibility(),
                picklists.values(credentials, AutotaskCollection.TICKET_NOTES, "noteType"),
                picklists.values(credentials, AutotaskCollection.TICKET_NOTES, "publish"));
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("ticketID", write.ticketId())
                .put("title", title(write))
                .put("description", write.text())
                .put("noteType", Long.parseLong(flags.noteType()))
                .put("publish", Long.parseLong(flags.publish()));
        JsonNode answer = api.post(credentials, "Tickets/" + write.ticketId() + "/Notes", body,
                write.author().resourceId());
        return readBack.note(credentials, write.ticketId(), AutotaskReadBack.itemId(answer, "ticket note"));
    }

    /**
     * The oldest note on the write's ticket created by its author at or after {@code since} with its title and text,
     * whose id is not taken.
     */
    Optional<HelpdeskNote> find(HelpdeskCredentials credentials, HelpdeskWrite.AddNote write, Instant since,
                                Set<Long> taken) {
        String title = title(write);
        long cursor = 0;
        while (true) {
            AutotaskSearch search = AutotaskSearch.where().idAbove(cursor)
                    .compare("eq", "ticketID", write.ticketId())
                    .compare("eq", "creatorResourceID", write.author().resourceId())
                    .since("createDateTime", since);
            JsonNode items = api.query(credentials, NOTES + "/query", search.page(500)).path("items");
            for (JsonNode item : items) {
                cursor = Math.max(cursor, item.path("id").asLong());
                if (!taken.contains(item.path("id").asLong())
                        && AutotaskReadBack.sameText(AutotaskRecords.text(item, "description"), write.text())
                        && AutotaskReadBack.sameText(AutotaskRecords.text(item, "title"), title)) {
                    return Optional.of(AutotaskReadBack.mapped(item, AutotaskRecords::note));
                }
            }
            if (items.size() < 500) {
                return Optional.empty();
            }
        }
    }

    /** The write's title, else the text's first non-blank line, cut at a word near {@link #MADE_TITLE_LENGTH}. */
    static String title(HelpdeskWrite.AddNote write) {
        if (write.title() != null && !write.title().isBlank()) {
            return write.title().strip();
        }
        String line = write.text().strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("Note by " + write.author().name());
        if (line.length() <= MADE_TITLE_LENGTH) {
            return line;
        }
        String cut = line.substring(0, MADE_TITLE_LENGTH - 1);
        int space = cut.lastIndexOf(' ');
        return (space > MADE_TITLE_LENGTH / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }

    /**
     * Public notes are published to "All Autotask Users", internal ones "Internal Only" (else the first other
     * "Internal…" value); a resolution is public with a note type whose label says resolution, when the database has
     * one. Every other note takes the preselected note type.
     */
    static Flags flags(NoteVisibility visibility, List<PicklistValue> noteTypes, List<PicklistValue> publishes) {
        PicklistValue publish = switch (visibility) {
            case PUBLIC, RESOLUTION -> AutotaskPicklistCache.labelled(publishes, ALL_USERS)
                    .orElseThrow(() -> AutotaskPicklistCache.missing(AutotaskCollection.TICKET_NOTES, "publish",
                            "no active value labelled \"" + ALL_USERS + "\""));
            case INTERNAL -> AutotaskPicklistCache.labelled(publishes, INTERNAL_ONLY)
                    .or(() -> publishes.stream().filter(PicklistValue::active)
                            .filter(v -> v.label() != null && v.label().toLowerCase(Locale.ROOT).startsWith("internal"))
                            .min(Comparator.comparingInt(PicklistValue::sortOrder)))
                    .orElseThrow(() -> AutotaskPicklistCache.missing(AutotaskCollection.TICKET_NOTES, "publish",
                            "no active value labelled \"" + INTERNAL_ONLY + "\""));
        };
        Optional<PicklistValue> resolution = visibility != NoteVisibility.RESOLUTION ? Optional.empty()
                : noteTypes.stream().filter(PicklistValue::active)
                        .filter(v -> v.label() != null && v.label().toLowerCase(Locale.ROOT).contains("resolution"))
                        .min(Comparator.comparingInt(PicklistValue::sortOrder));
        PicklistValue noteType = resolution.or(() -> AutotaskPicklistCache.preselected(noteTypes))
                .orElseThrow(() -> AutotaskPicklistCache.missing(AutotaskCollection.TICKET_NOTES, "noteType",
                        "no active value"));
        return new Flags(noteType.value(), publish.value());
    }
}
