package horizon.todo;

import java.util.List;

/** One Horizon user's todos in a calendar window, earliest first. */
public record AgentCalendar(long userId, String displayName, List<ScheduledTodo> todos) {

    public AgentCalendar {
        todos = List.copyOf(todos);
    }
}
