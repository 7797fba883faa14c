package horizon.todo;

import java.time.Instant;

/**
 * What a new todo is made of, as the agent gave it; {@link Todos#create} checks it.
 *
 * @param assigneeUserId the Horizon user who does it; null means the agent creating it
 * @param notes          free text, or null/blank for none
 */
public record TodoDraft(String title, Long assigneeUserId, Instant start, Instant end, String notes) {
}
