package horizon.helpdesk;

import java.util.Set;

/**
 * A log of deletions a PSA keeps (Autotask's DeletedTicketLogs), read on its own cursor. Entities no feed covers are
 * reconciled instead: their ids are listed and compared with the mirror.
 *
 * @param name     the feed's stream name, stable across releases: its cursor is stored under it
 * @param entities what its entries name as deleted
 */
public record DeletionFeed(String name, Set<HelpdeskEntity> entities) {

    public DeletionFeed {
        entities = Set.copyOf(entities);
    }

    public boolean covers(HelpdeskEntity entity) {
        return entities.contains(entity);
    }
}
