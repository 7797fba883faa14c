package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds a note to a ticket: {@code POST service/tickets/{id}/notes} with one of ConnectWise's three flags (public →
 * discussion, internal → internal analysis, resolution → resolution) and no notifications; and finds the note an
 * earlier attempt made.
 *
 * <p>ConnectWise records the API member as every note's author, so the text names the agent: it is sent as
 * {@code "<author name> (via Horizon): <text>"}, e.g. {@code "Dana Reyes (via Horizon): Rebooted the switch."}, in
 * the form ConnectWise stores ({@link ConnectWiseStoredText}). Note titles do not exist in ConnectWise and are dropped.
 */
final class ConnectWiseNoteCreate {

    /** Between the author's name and the text. */
    static final String VIA = " (via Horizon): ";
    /** Stands in for an author without a name, so the text still says it came through Horizon. */
    static final String UNNAMED = "A Horizon agent";

    private final ConnectWiseApi api;

    ConnectWiseNoteCreate(ConnectWiseApi api) {
        this.api = api;
    }

    HelpdeskNote send(HelpdeskCredentials credentials, HelpdeskWrite.AddNote note) {
        ObjectNode body = api.newObject();
        body.put("text", storedText(note));
        body.put("detailDescriptionFlag", note.visibility() == NoteVisibility.PUBLIC);
        body.put("internalAnalysisFlag", note.visibility() == NoteVisibility.INTERNAL);
        body.put("resolutionFlag", note.visibility() == NoteVisibility.RESOLUTION);
        body.put("processNotifications", false);
        return (HelpdeskNote) ConnectWiseReader.map(ConnectWiseCollection.NOTES,
                api.post(credentials, notesOf(note.ticketId()), body));
    }

    /**
     * The ticket's note created at or after {@code since} (to the second, as ConnectWise keeps it) with this write's
     * text and visibility, lowest id first, not in {@code taken}; empty when the ticket or the note is not there.
     */
    Optional<HelpdeskNote> find(HelpdeskCredentials credentials, HelpdeskWrite.AddNote note, Instant since,
                                Set<Long> taken) {
        ConnectWiseConditions created = ConnectWiseConditions.where().atOrAfter("dateCreated", since);
        String text = storedText(note);
        String visibility = visibility(note.visibility());
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        long after = 0;
        while (true) {
            List<JsonNode> page;
            try {
                page = api.forwardPage(credentials, notesOf(note.ticketId()), created, null, after,
                        ConnectWiseApi.MAX_PAGE);
            } catch (HelpdeskException failure) {
                if (failure.kind() == Kind.NOT_FOUND) {
                    return Optional.empty(); // the ticket is gone, and any note on it
                }
                throw failure;
            }
            for (JsonNode item : page) {
                HelpdeskNote candidate = (HelpdeskNote) ConnectWiseReader.map(ConnectWiseCollection.NOTES, item);
                if (!taken.contains(candidate.externalId()) && text.equals(candidate.description())
                        && visibility.equals(candidate.publish())
                        && (candidate.createdAt() == null || !candidate.createdAt().isBefore(from))) {
                    return Optional.of(candidate);
                }
            }
            if (page.size() < ConnectWiseApi.MAX_PAGE) {
                return Optional.empty();
            }
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    /** The note's text as ConnectWise will hold it: signed by its author, line breaks as spaces. */
    static String storedText(HelpdeskWrite.AddNote note) {
        return ConnectWiseStoredText.of(signed(note.author(), note.text()));
    }

    /** {@code "Dana Reyes (via Horizon): text"}. */
    static String signed(HelpdeskWrite.Author author, String text) {
        String name = author.name().strip();
        return (name.isEmpty() ? UNNAMED : name) + VIA + text;
    }

    /** Horizon's code for a visibility, as {@link ConnectWiseRecords#visibility} reads it back from the flags. */
    static String visibility(NoteVisibility visibility) {
        return switch (visibility) {
            case PUBLIC -> ConnectWisePicklists.DISCUSSION;
            case INTERNAL -> ConnectWisePicklists.INTERNAL;
            case RESOLUTION -> ConnectWisePicklists.RESOLUTION;
        };
    }

    private static String notesOf(long ticketId) {
        return "service/tickets/" + ticketId + "/notes";
    }
}
