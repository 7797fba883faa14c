package horizon.widget;

import horizon.account.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores what widgets report; every statement is scoped to one account. */
@Repository
class WidgetEventRepository {

    private static final String COLUMNS = "id, widget, event, sign_in, millis, detail, user_agent, created_at";

    /** Per widget and event since a moment: how many, and the last one when. */
    record Tally(String widget, String event, long count, Instant last) {
    }

    private final JdbcClient jdbc;

    WidgetEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long accountId, String widget, String event, String signIn, Integer millis, String detail,
                String userAgent, Instant at) {
        jdbc.sql("""
                insert into widget_events (account_id, widget, event, sign_in, millis, detail, user_agent, created_at)
                values (:accountId, :widget, :event, :signIn, :millis, :detail, :userAgent, :at)
                """)
                .param("accountId", accountId).param("widget", widget).param("event", event)
                .param("signIn", signIn).param("millis", millis).param("detail", detail)
                .param("userAgent", userAgent).param("at", Timestamps.column(at))
                .update();
    }

    /** The account's newest events, newest first. */
    List<WidgetEvent> newest(long accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from widget_events where account_id = :accountId "
                        + "order by created_at desc, id desc limit :limit")
                .param("accountId", accountId).param("limit", limit)
                .query(WidgetEventRepository::map).list();
    }

    /** The newest failure (any event but a render) one widget of the account reported. */
    java.util.Optional<WidgetEvent> newestFailure(long accountId, String widget) {
        return jdbc.sql("select " + COLUMNS + " from widget_events where account_id = :accountId and widget = :widget "
                        + "and event <> 'render' order by created_at desc, id desc limit 1")
                .param("accountId", accountId).param("widget", widget)
                .query(WidgetEventRepository::map).optional();
    }

    List<Tally> tally(long accountId, Instant since) {
        return jdbc.sql("""
                select widget, event, count(*) as n, max(created_at) as last
                  from widget_events
                 where account_id = :accountId and created_at >= :since
                 group by widget, event
                """)
                .param("accountId", accountId).param("since", Timestamps.column(since))
                .query((rs, row) -> new Tally(rs.getString("widget"), rs.getString("event"), rs.getLong("n"),
                        Timestamps.read(rs, "last")))
                .list();
    }

    /** Render times of one widget since a moment, fastest first (for percentiles). */
    List<Integer> renderMillis(long accountId, String widget, Instant since) {
        return jdbc.sql("""
                select millis from widget_events
                 where account_id = :accountId and widget = :widget and event = 'render' and millis is not null
                   and created_at >= :since
                 order by millis
                """)
                .param("accountId", accountId).param("widget", widget).param("since", Timestamps.column(since))
                .query(Integer.class).list();
    }

    List<Long> accountsWithEvents() {
        return jdbc.sql("select distinct account_id from widget_events").query(Long.class).list();
    }

    int deleteBefore(long accountId, Instant before) {
        return jdbc.sql("delete from widget_events where account_id = :accountId and created_at < :before")
                .param("accountId", accountId).param("before", Timestamps.column(before)).update();
    }

    private static WidgetEvent map(ResultSet rs, int row) throws SQLException {
        int millis = rs.getInt("millis");
        Integer known = rs.wasNull() ? null : millis;
        return new WidgetEvent(rs.getLong("id"), rs.getString("widget"), rs.getString("event"),
                rs.getString("sign_in"), known, rs.getString("detail"),
                rs.getString("user_agent"), Timestamps.read(rs, "created_at"));
    }
}
