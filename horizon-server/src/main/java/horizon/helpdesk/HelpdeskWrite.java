package horizon.helpdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One change an agent makes to a PSA ticket, in Horizon's vocabulary; the adapter's writer turns it into the PSA's own
 * request. Every write names its {@link Author}, the helpdesk user the agent is mapped to, so the PSA records the
 * change as theirs (Autotask impersonates them; ConnectWise logs time under them and notes say who wrote them).
 *
 * <p>Updates ({@link Assign}, {@link ChangeStatus}) set absolute values, so sending one twice is harmless. Creates
 * ({@link AddNote}, {@link LogTime}) are not: before one is sent again after an unknown outcome, the outbox asks
 * {@link HelpdeskWriter#findCreated} whether the earlier attempt made it.
 */
public sealed interface HelpdeskWrite {

    /** The PSA id of the ticket the write changes. */
    long ticketId();

    /** Who the PSA should record the change as. */
    Author author();

    /** A write that creates a record; repeating it would create a second one. */
    sealed interface Create extends HelpdeskWrite {
    }

    /**
     * The helpdesk user a write is made as.
     *
     * @param resourceId the PSA's id of the helpdesk user (Autotask resource, ConnectWise member)
     * @param name       the agent's name as people read it, e.g. "Dana Reyes"
     */
    record Author(long resourceId, String name) {
        public Author {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Who a note is for: the PSA maps it to its own flags (Autotask publish and note type, ConnectWise's flags). */
    enum NoteVisibility {
        /** Technicians only. */
        INTERNAL,
        /** Also the customer (Autotask "All Autotask Users", ConnectWise discussion). */
        PUBLIC,
        /** The ticket's resolution (ConnectWise's resolution flag; a public note in PSAs without one). */
        RESOLUTION
    }

    /**
     * Makes a resource the ticket's primary assignee.
     *
     * @param resourceId the helpdesk user to assign
     * @param roleId     the role they work it in (Autotask needs one the resource holds); null where the PSA has none
     */
    record Assign(long ticketId, Author author, long resourceId, Long roleId) implements HelpdeskWrite {
    }

    /** Sets the ticket's status to a value of the PSA's status picklist. */
    record ChangeStatus(long ticketId, Author author, String status) implements HelpdeskWrite {
        public ChangeStatus {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Adds a note to the ticket's thread.
     *
     * @param title a title, for PSAs whose notes have one (Autotask); the adapter makes one from the text when blank
     */
    record AddNote(long ticketId, Author author, String title, String text, NoteVisibility visibility)
            implements Create {
        public AddNote {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(visibility, "visibility");
        }
    }

    /**
     * Logs time the author worked on the ticket.
     *
     * @param roleId  the role the time was worked in (Autotask needs one the resource holds; ConnectWise's work role),
     *                null for the PSA's default
     * @param start   when the work started
     * @param end     when it ended, after {@code start}
     * @param summary what was done, as the customer may read it
     */
    record LogTime(long ticketId, Author author, Long roleId, Instant start, Instant end, String summary)
            implements Create {
        public LogTime {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(summary, "summary");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a time entry ends after it starts");
            }
        }

        public Duration worked() {
            return Duration.between(start, end);
        }
    }
}
