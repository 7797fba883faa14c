package horizon.widget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What widgets report about themselves (renders with their time, failures to load, sign in or be framed), kept per
 * account for {@link WidgetProperties#eventRetention()}, and read back for Helpdesk Widget Status.
 */
@Service
public class WidgetEvents {

    static final int MAX_DETAIL = 500;
    static final int MAX_USER_AGENT = 300;
    static final int MAX_MILLIS = 600_000;
    private static final List<String> SIGN_INS = List.of("psa-member", "popup", "refresh");

    /**
     * One widget's health over a window, as Widget Status shows it.
     *
     * @param lastRender   when it last showed its content; null if not in the window
     * @param renders      how often it showed its content
     * @param medianMillis the median time from page start to content; null without renders
     * @param p95Millis    the 95th percentile of that time; null without renders
     * @param failures     per failure event, how many
     * @param lastFailure  the newest failure, if any
     */
    public record WidgetHealth(String widget, Instant lastRender, long renders, Integer medianMillis,
                               Integer p95Millis, Map<String, Long> failures, Optional<WidgetEvent> lastFailure) {
    }

    /** What became of a report. */
    enum Recorded { STORED, UNKNOWN, TOO_MANY }

    /** An event as a widget reports it (already bounded by the caller's size limit). */
    record Report(String widget, String event, String signIn, Long millis, String detail) {
    }

    private final WidgetEventRepository events;
    private final WidgetProperties properties;
    private final PerAccountRate rate;
    private final Clock clock;

    WidgetEvents(WidgetEventRepository events, WidgetProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.rate = new PerAccountRate(properties.eventsPerMinute(), clock);
        this.clock = clock;
    }

    /** Each widget's health over the last {@code window}, in {@link WidgetEvent#WIDGETS} order. */
    public List<WidgetHealth> health(long accountId, Duration window) {
        Instant since = clock.instant().minus(window);
        List<WidgetEventRepository.Tally> tallies = events.tally(accountId, since);
        List<WidgetHealth> health = new ArrayList<>();
        for (String widget : WidgetEvent.WIDGETS) {
            Instant lastRender = null;
            long renders = 0;
            Map<String, Long> failures = new LinkedHashMap<>();
            for (WidgetEventRepository.Tally tally : tallies) {
                if (!tally.widget().equals(widget)) {
                    continue;
                }
                if (tally.event().equals("render")) {
                    renders = tally.count();
                    lastRender = tally.last();
                } else {
                    failures.put(tally.event(), tally.count());
                }
            }
            List<Integer> millis = renders == 0 ? List.of() : events.renderMillis(accountId, widget, since);
            Optional<WidgetEvent> lastFailure = failures.isEmpty() ? Optional.empty()
                    : events.newestFailure(accountId, widget);
            health.add(new WidgetHealth(widget, lastRender, renders, percentile(millis, 50), percentile(millis, 95),
                    failures, lastFailure));
        }
        return health;
    }

    /** The account's newest events, newest first. */
    public List<WidgetEvent> recent(long accountId, int limit) {
        return events.newest(accountId, Math.max(1, Math.min(limit, 500)));
    }

    /**
     * Stores a widget's report for the account, within the account's per-minute allowance on this node.
     *
     * @return whether it was stored, or dropped as not one Horizon knows or over the allowance
     */
    Recorded record(long accountId, Report report, String userAgent) {
        if (!WidgetEvent.WIDGETS.contains(report.widget()) || !WidgetEvent.EVENTS.contains(report.event())) {
            return Recorded.UNKNOWN;
        }
        if (!rate.admit(accountId)) {
            return Recorded.TOO_MANY;
        }
        String signIn = SIGN_INS.contains(report.signIn()) ? report.signIn() : null;
        Integer millis = report.millis() == null || report.millis() < 0 ? null
                : (int) Math.min(report.millis(), MAX_MILLIS);
        String detail = report.event().equals("render") ? null : cut(report.detail(), MAX_DETAIL);
        events.insert(accountId, report.widget(), report.event(), signIn, millis, detail,
                cut(userAgent, MAX_USER_AGENT), clock.instant());
        return Recorded.STORED;
    }

    /** Removes events older than the retention, account by account; how many. */
    int removeOld() {
        Instant before = clock.instant().minus(properties.eventRetention());
        int removed = 0;
        for (long accountId : events.accountsWithEvents()) {
            removed += events.deleteBefore(accountId, before);
        }
        return removed;
    }

    private static Integer percentile(List<Integer> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String cut(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max);
    }
}
