package horizon.simulator.autotask.webhook;

import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to a simulated record, published by the store after it is applied, whoever made it (REST API, control API,
 * activity generator). Webhooks are fired from these.
 *
 * @param entityType    singular business name as webhooks carry it: Ticket, TicketNote, Company, Contact, ...
 * @param action        Create, Update or Delete
 * @param id            the record's id
 * @param changedFields camelCase names of the fields whose value changed (all set fields on Create, empty on Delete)
 * @param record        a copy of the record after the change (before it, for a Delete)
 * @param personId      the resource that made the change (the impersonated one when impersonating)
 * @param at            when the change happened (UTC)
 */
public record RecordChange(String entityType, String action, long id, Set<String> changedFields, ObjectNode record,
                           long personId, Instant at) {
}
