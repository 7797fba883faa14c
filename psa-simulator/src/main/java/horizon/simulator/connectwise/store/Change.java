package horizon.simulator.connectwise.store;

import tools.jackson.databind.node.ObjectNode;

/**
 * One applied change, published to the callbacks.
 *
 * @param kind         the collection
 * @param action       {@code added}, {@code updated} or {@code deleted}, as callbacks name them
 * @param id           the record's id
 * @param record       the record after the change; on delete, the record as it was
 * @param actor        who made it
 * @param skipCallback the write asked ConnectWise not to call back ({@code skipCallback} on a ticket)
 */
public record Change(Kind kind, String action, long id, ObjectNode record, Actor actor, boolean skipCallback) {
}
