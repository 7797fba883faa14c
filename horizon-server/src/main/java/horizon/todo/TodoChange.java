package horizon.todo;

import java.time.Instant;

/**
 * A change to a todo: every field left null stays as it is. Giving only {@code start} moves the todo and keeps its
 * length; giving {@code end} (alone or with {@code start}) sets that end. Blank {@code notes} clears them.
 *
 * @param version the version the change was made on; required, and refused when the todo changed since
 */
public record TodoChange(String title, Long assigneeUserId, Instant start, Instant end, Boolean done, String notes,
                         Integer version) {

    static TodoChange done(boolean done, Integer version) {
        return new TodoChange(null, null, null, null, done, null, version);
    }

    static TodoChange move(Instant start, Instant end, Integer version) {
        return new TodoChange(null, null, start, end, null, null, version);
    }
}
