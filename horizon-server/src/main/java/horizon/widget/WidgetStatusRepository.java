package horizon.widget;

import horizon.account.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The questions Helpdesk Widget Status asks of {@code widget_events}: every one scoped to one account and bounded below
 * by a moment (the events kept, or the days shown), so {@code widget_events_account_idx} serves it. Days are counted
 * with bounds the caller gives (no date functions), the same on H2 and PostgreSQL.
 */
@Repository
class WidgetStatusRepository {

    /** How many days {@link #rendersPerDay} counts. */
    static final int DAYS = 7;

    /**
     * What the rules of Widget Status need of one widget.
     *
     * @param lastRender         its newest render, null when none is kept
     * @param lastFailure        its newest failure (any event but a render), null when none is kept
     * @param rendersSinceDay    renders since the day bound
     * @param failuresSinceDay   failures since the day bound
     * @param framingBlockedSinceHour framing-blocked events since the hour bound
     */
    record Facts(String widget, Instant lastRender, Instant lastFailure, long rendersSinceDay, long failuresSinceDay,
                 long framingBlockedSinceHour) {

        static Facts none(String widget) {
            return new Facts(widget, null, null, 0, 0, 0);
        }
    }

    /** One widget's renders on each of the days asked for, oldest first. */
    record DayCounts(String widget, List<Long> renders) {
    }

    /** How many renders one widget reported through one sign-in path ({@code null}: the widget did not say). */
    record SignInCount(String widget, String signIn, long renders) {
    }

    /** What one widget reported from one browser, as its User-Agent header named it. */
    record AgentCount(String widget, String userAgent, long renders, long failures) {
    }

    private static final String COLUMNS = "id, widget, event, sign_in, millis, detail, user_agent, created_at";

    private final JdbcClient jdbc;

    WidgetStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per widget that reported anything since {@code since}: its newest render and failure, and recent counts. */
    List<Facts> facts(long accountId, Instant since, Instant dayBound, Instant hourBound) {
        return jdbc.sql("""
                select widget,
                       max(case when event = 'render' then created_at end) as last_render,
                       max(case when event <> 'render' then created_at end) as last_failure,
                       sum(case when event = 'render' and created_at >= :day then 1 else 0 end) as renders_day,
                       sum(case when event <> 'render' and created_at >= :day then 1 else 0 end) as failures_day,
                       sum(case when event = 'framing-blocked' and created_at >= :hour then 1 else 0 end)
                           as framing_hour
                  from widget_events
                 where account_id = :accountId and created_at >= :since
                 group by widget
                """)
                .param("accountId", accountId).param("since", Timestamps.column(since))
                .param("day", Timestamps.column(dayBound)).param("hour", Timestamps.column(hourBound))
                .query((rs, row) -> new Facts(rs.getString("widget"), Timestamps.read(rs, "last_render"),
                        Timestamps.read(rs, "last_failure"), rs.getLong("renders_day"), rs.getLong("failures_day"),
                        rs.getLong("framing_hour")))
                .list();
    }

    /**
     * Renders per widget and day: {@code dayStarts} holds {@value #DAYS} consecutive day starts, oldest first, and
     * {@code end} the end of the last; the answer holds one count per day in that order, per widget with renders.
     */
    List<DayCounts> rendersPerDay(long accountId, List<Instant> dayStarts, Instant end) {
        if (dayStarts.size() != DAYS) {
            throw new IllegalArgumentException("expected " + DAYS + " day starts, got " + dayStarts.size());
        }
        var query = jdbc.sql("""
                select widget,
                       sum(case when created_at < :d1 then 1 else 0 end) as day0,
                       sum(case when created_at >= :d1 and created_at < :d2 then 1 else 0 end) as day1,
                       sum(case when created_at >= :d2 and created_at < :d3 then 1 else 0 end) as day2,
                       sum(case when created_at >= :d3 and created_at < :d4 then 1 else 0 end) as day3,
                       sum(case when created_at >= :d4 and created_at < :d5 then 1 else 0 end) as day4,
                       sum(case when created_at >= :d5 and created_at < :d6 then 1 else 0 end) as day5,
                       sum(case when created_at >= :d6 then 1 else 0 end) as day6
                  from widget_events
                 where account_id = :accountId and event = 'render' and created_at >= :d0 and created_at < :end
                 group by widget
                """)
                .param("accountId", accountId).param("end", Timestamps.column(end));
        for (int day = 0; day < DAYS; day++) {
            query = query.param("d" + day, Timestamps.column(dayStarts.get(day)));
        }
        return query.query((rs, row) -> {
            List<Long> counts = new ArrayList<>(DAYS);
            for (int day = 0; day < DAYS; day++) {
                counts.add(rs.getLong("day" + day));
            }
            return new DayCounts(rs.getString("widget"), counts);
        }).list();
    }

    /** Renders since a moment per widget and sign-in path. */
    List<SignInCount> signIns(long accountId, Instant since) {
        return jdbc.sql("""
                select widget, sign_in, count(*) as n
                  from widget_events
                 where account_id = :accountId and event = 'render' and created_at >= :since
                 group by widget, sign_in
                """)
                .param("accountId", accountId).param("since", Timestamps.column(since))
                .query((rs, row) -> new SignInCount(rs.getString("widget"), rs.getString("sign_in"), rs.getLong("n")))
                .list();
    }

    /**
     * Renders and failures since a moment per widget and User-Agent, the most frequent first, at most {@code limit}
     * (browsers differ only in version, so a few hundred cover any account).
     */
    List<AgentCount> userAgents(long accountId, Instant since, int limit) {
        return jdbc.sql("""
                select widget, user_agent,
                       sum(case when event = 'render' then 1 else 0 end) as renders,
                       sum(case when event <> 'render' then 1 else 0 end) as failures
                  from widget_events
                 where account_id = :accountId and created_at >= :since
                 group by widget, user_agent
                 order by count(*) desc, widget, user_agent
                 limit :limit
                """)
                .param("accountId", accountId).param("since", Timestamps.column(since)).param("limit", limit)
                .query((rs, row) -> new AgentCount(rs.getString("widget"), rs.getString("user_agent"),
                        rs.getLong("renders"), rs.getLong("failures")))
                .list();
    }

    /** One widget's newest failures since a moment, newest first. */
    List<WidgetEvent> failures(long accountId, String widget, Instant since, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from widget_events
                 where account_id = :accountId and widget = :widget and event <> 'render' and created_at >= :since
                 order by created_at desc, id desc
                 limit :limit
                """)
                .param("accountId", accountId).param("widget", widget).param("since", Timestamps.column(since))
                .param("limit", limit)
                .query(WidgetStatusRepository::event).list();
    }

    private static WidgetEvent event(ResultSet rs, int row) throws SQLException {
        int millis = rs.getInt("millis");
        Integer known = rs.wasNull() ? null : millis;
        return new WidgetEvent(rs.getLong("id"), rs.getString("widget"), rs.getString("event"),
                rs.getString("sign_in"), known, rs.getString("detail"), rs.getString("user_agent"),
                Timestamps.read(rs, "created_at"));
    }
}
