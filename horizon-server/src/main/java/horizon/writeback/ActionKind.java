package horizon.writeback;

import horizon.helpdesk.HelpdeskWrite;

/** What an outbox action does, with the port's write type its payload holds. */
public enum ActionKind {
    ASSIGN(HelpdeskWrite.Assign.class, "Assign"),
    STATUS(HelpdeskWrite.ChangeStatus.class, "Change status"),
    NOTE(HelpdeskWrite.AddNote.class, "Add note"),
    TIME(HelpdeskWrite.LogTime.class, "Log time");

    private final Class<? extends HelpdeskWrite> writeType;
    private final String label;

    ActionKind(Class<? extends HelpdeskWrite> writeType, String label) {
        this.writeType = writeType;
        this.label = label;
    }

    public Class<? extends HelpdeskWrite> writeType() {
        return writeType;
    }

    public String label() {
        return label;
    }

    /** Whether the action creates a record, so sending it twice would make two. */
    public boolean creates() {
        return HelpdeskWrite.Create.class.isAssignableFrom(writeType);
    }

    static ActionKind of(HelpdeskWrite write) {
        for (ActionKind kind : values()) {
            if (kind.writeType.isInstance(write)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no action kind for " + write.getClass().getSimpleName());
    }
}
