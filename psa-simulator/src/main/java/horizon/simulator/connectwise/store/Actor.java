package horizon.simulator.connectwise.store;

/** Who makes a change: a member's id and identifier (updatedBy, enteredBy, a callback's MemberId). */
public record Actor(long memberId, String identifier) {
}
