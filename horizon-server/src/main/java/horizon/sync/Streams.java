package horizon.sync;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.mirror.MirrorOutcome;
import horizon.mirror.MirrorWriteResult;
import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import java.time.Instant;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.List;

/** How the PSA's entities map to mirror tables and cursor streams, and which of them an account syncs. */
final class Streams {

    /** Entities read on a watermark, in dependency order. */
    static final List<HelpdeskEntity> WATERMARKED = List.of(HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS,
            HelpdeskEntity.TICKETS, HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.TIME_ENTRIES);

    private Streams() {
    }

    static MirroredEntity<?> mirrored(HelpdeskEntity entity) {
        return switch (entity) {
            case HELPDESK_USERS -> MirroredEntity.HELPDESK_USERS;
            case COMPANIES -> MirroredEntity.COMPANIES;
            case CONTACTS -> MirroredEntity.CONTACTS;
            case TICKETS -> MirroredEntity.TICKETS;
            case TICKET_NOTES -> MirroredEntity.TICKET_NOTES;
            case TIME_ENTRIES -> MirroredEntity.TIME_ENTRIES;
        };
    }

    /** The stream (and counts) name of an entity: its mirror table's name. */
    static String name(HelpdeskEntity entity) {
        return mirrored(entity).name();
    }

    static boolean enabled(SyncSettings settings, HelpdeskEntity entity) {
        return switch (entity) {
            case HELPDESK_USERS -> settings.helpdeskUsers();
            case COMPANIES -> settings.companies();
            case CONTACTS -> settings.contacts();
            case TICKETS -> settings.tickets();
            // Notes and time entries belong to mirrored tickets: without tickets there is nothing to hang them on.
            case TICKET_NOTES -> settings.tickets() && settings.notes();
            case TIME_ENTRIES -> settings.tickets() && settings.timeEntries();
        };
    }

    /**
     * Writes records of any entity through the mirror's one guarded path.
     *
     * @param askedAt when the read that returned them was sent (Horizon's clock)
     */
    static MirrorWriteResult upsert(MirrorWriter writer, long accountId, HelpdeskEntity entity,
                                    Collection<? extends HelpdeskRecord> records, Instant askedAt) {
        return upsert(writer, accountId, entity, records, askedAt, (id, outcome) -> { });
    }

    /**
     * {@link #upsert(MirrorWriter, long, HelpdeskEntity, Collection, Instant)}, telling {@code each} what became of
     * every id.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MirrorWriteResult upsert(MirrorWriter writer, long accountId, HelpdeskEntity entity,
                                    Collection<? extends HelpdeskRecord> records, Instant askedAt,
                                    BiConsumer<Long, MirrorOutcome> each) {
        if (records.isEmpty()) {
            return MirrorWriteResult.NONE;
        }
        MirroredEntity target = mirrored(entity);
        return writer.upsert(accountId, target, (Collection) records, askedAt, each);
    }
}
