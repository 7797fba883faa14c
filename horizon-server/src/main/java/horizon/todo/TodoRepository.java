package horizon.todo;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.account.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The only reader and writer of {@code todos}; every statement names the account. A change is a compare-and-set on
 * the version, so of two people changing the same todo the second is told instead of silently overwriting.
 */
@Repository
class TodoRepository {

    private static final String COLUMNS = """
            id, account_id, ticket_id, title, assignee_user_id, starts_at, ends_at, done, done_at, notes,
            created_by_user_id, created_at, updated_at, version
            """;

    private final JdbcClient jdbc;

    TodoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new, not yet done todo at version 1 and returns it. */
    Todo insert(long accountId, long ticketId, String title, long assigneeUserId, Instant startsAt, Instant endsAt,
                String notes, long createdByUserId, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into todos (account_id, ticket_id, title, assignee_user_id, starts_at, ends_at, done,
                                           done_at, notes, created_by_user_id, created_at, updated_at, version)
                        values (:account, :ticket, :title, :assignee, :startsAt, :endsAt, false, null, :notes,
                                :createdBy, :now, :now, 1)
                        """)
                .param("account", accountId).param("ticket", ticketId).param("title", title)
                .param("assignee", assigneeUserId).param("startsAt", Timestamps.column(startsAt))
                .param("endsAt", Timestamps.column(endsAt)).param("notes", notes)
                .param("createdBy", createdByUserId).param("now", Timestamps.column(now))
                .update(keys, "id");
        return new Todo(keys.getKey().longValue(), accountId, ticketId, title, assigneeUserId, startsAt, endsAt, false,
                null, notes, createdByUserId, now, now, 1);
    }

    Optional<Todo> find(long accountId, long id) {
        return jdbc.sql("select " + COLUMNS + " from todos where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(TodoRepository::row).optional();
    }

    /** The ticket's todos, earliest first. */
    List<Todo> forTicket(long accountId, long ticketId) {
        return jdbc.sql("select " + COLUMNS + """
                         from todos where account_id = :account and ticket_id = :ticket
                         order by starts_at, id
                        """)
                .param("account", accountId).param("ticket", ticketId).query(TodoRepository::row).list();
    }

    /**
     * The todos that overlap {@code [from, to)}, earliest first, of one user or (assignee null) of the whole account.
     * {@code earliestStart} is {@code from} less the longest a todo may last: no todo starting before it can reach
     * into the window, and the bound lets the (account, assignee, starts_at) index narrow the scan.
     */
    List<Todo> overlapping(long accountId, Long assigneeUserId, Instant from, Instant to, Instant earliestStart) {
        String assignee = assigneeUserId == null ? "" : " and assignee_user_id = :assignee";
        var statement = jdbc.sql("select " + COLUMNS + """
                         from todos
                        where account_id = :account%s
                          and starts_at >= :earliest and starts_at < :to and ends_at > :from
                        order by starts_at, id
                        """.formatted(assignee))
                .param("account", accountId)
                .param("earliest", Timestamps.column(earliestStart)).param("to", Timestamps.column(to))
                .param("from", Timestamps.column(from));
        if (assigneeUserId != null) {
            statement = statement.param("assignee", assigneeUserId);
        }
        return statement.query(TodoRepository::row).list();
    }

    /**
     * Writes a todo's new values if it is still at {@code version}, and moves it to the next version. False when it
     * is not (changed or deleted meanwhile, or not the account's).
     */
    boolean update(Todo changed, int version, Instant now) {
        return jdbc.sql("""
                        update todos
                           set title = :title, assignee_user_id = :assignee, starts_at = :startsAt,
                               ends_at = :endsAt, done = :done, done_at = :doneAt, notes = :notes,
                               updated_at = :now, version = version + 1
                         where account_id = :account and id = :id and version = :version
                        """)
                .param("title", changed.title()).param("assignee", changed.assigneeUserId())
                .param("startsAt", Timestamps.column(changed.startsAt()))
                .param("endsAt", Timestamps.column(changed.endsAt())).param("done", changed.done())
                .param("doneAt", Timestamps.column(changed.doneAt())).param("notes", changed.notes())
                .param("now", Timestamps.column(now)).param("account", changed.accountId())
                .param("id", changed.id()).param("version", version)
                .update() == 1;
    }

    /** Deletes the todo if it is (still) at {@code version}, or at any version when that is null. */
    boolean delete(long accountId, long id, Integer version) {
        var statement = jdbc.sql("delete from todos where account_id = :account and id = :id"
                        + (version == null ? "" : " and version = :version"))
                .param("account", accountId).param("id", id);
        if (version != null) {
            statement = statement.param("version", version);
        }
        return statement.update() == 1;
    }

    private static Todo row(ResultSet rs, int n) throws SQLException {
        return new Todo(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("ticket_id"), rs.getString("title"),
                rs.getLong("assignee_user_id"), Timestamps.read(rs, "starts_at"), Timestamps.read(rs, "ends_at"),
                rs.getBoolean("done"), Timestamps.read(rs, "done_at"), rs.getString("notes"),
                rs.getLong("created_by_user_id"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"), rs.getInt("version"));
    }

    /** Another PSA database: the todos were on the old one's tickets. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "todos");
    }
}
