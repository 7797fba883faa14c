package horizon.widget;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWidgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Judges an account's widgets for Helpdesk Widget Status by the rules in {@link #rules()}, from what the widgets
 * reported about themselves ({@code widget_events}): per widget its last successful render, renders per day, the
 * sign-in paths that worked, the browsers seen and the newest failures; with the steps to embed them.
 */
@Component
class WidgetStatus {

    /** A render within this long is recent; failures within it turn a widget amber. */
    static final Duration DAY = Duration.ofHours(24);
    /** A page refused framing within this long turns a widget red. */
    static final Duration FRAMING = Duration.ofHours(1);
    /** Failures listed per widget. */
    static final int ERRORS_SHOWN = 10;
    /** Browsers listed per widget. */
    static final int BROWSERS_SHOWN = 8;
    /** Sign-in paths as widgets report them, in the order the page lists them. */
    static final List<String> SIGN_INS = List.of("psa-member", "popup", "refresh");

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> EVENT_WORDS = Map.of("render", "render", "load-failure", "load failure",
            "sign-in-failure", "sign-in failure", "framing-blocked", "framing blocked", "server-error", "server error");
    private static final Map<String, String> WIDGET_WORDS = Map.of("calendar", "Calendar", "ticket", "Ticket widget");

    /**
     * Everything the page shows.
     *
     * @param kind      the account's PSA; null when none is connected
     * @param verdict   the worse of the widgets' verdicts; NONE when not connected
     * @param reasons   every rule that fired, widget by widget
     * @param widgets   one report per widget, calendar first; empty when not connected
     * @param embedding the steps to embed the widgets; null when not connected
     */
    public record View(HelpdeskKind kind, WidgetVerdict verdict, List<String> reasons, List<WidgetReport> widgets,
                       WidgetEmbedding.Embedding embedding) {
    }

    /**
     * One widget on the page.
     *
     * @param widget        {@code calendar} or {@code ticket}
     * @param label         its name on the page
     * @param lastRender    its last successful render, in words ("" when none is kept)
     * @param rendersDay    renders in the last 24 hours
     * @param failuresDay   failures in the last 24 hours
     * @param days          renders per UTC day, the last {@value WidgetStatusRepository#DAYS} days, oldest first
     * @param medianMillis  median time from page start to content over those days; null without renders
     * @param p95Millis     95th percentile of that time; null without renders
     * @param signIns       renders per sign-in path over those days
     * @param browsers      the browsers seen over those days, the most frequent first
     * @param errors        its newest failures (kept ones), newest first
     */
    public record WidgetReport(String widget, String label, WidgetVerdict verdict, List<String> reasons,
                               String lastRender, long rendersDay, long failuresDay, List<DayBar> days,
                               long rendersInDays, Integer medianMillis, Integer p95Millis, List<SignInRow> signIns,
                               List<BrowserRow> browsers, List<ErrorRow> errors) {
    }

    /** Renders on one UTC day; {@code percent} is the bar's length against the widget's busiest day. */
    public record DayBar(String label, String date, long renders, int percent) {
    }

    /** Renders through one sign-in path ({@code path} null: the widget did not say). */
    public record SignInRow(String path, String words, long renders) {
    }

    /** One browser by its short name; {@code userAgents} are the headers it stands for. */
    public record BrowserRow(String name, long renders, long failures, List<String> userAgents) {
    }

    /** One failure as the page lists it. */
    public record ErrorRow(String at, String event, String kind, String detail, String signIn, String browser,
                           String userAgent) {
    }

    private final WidgetStatusRepository repository;
    private final WidgetEvents events;
    private final WidgetEmbedding embedding;
    private final WidgetProperties properties;
    private final Clock clock;

    WidgetStatus(WidgetStatusRepository repository, WidgetEvents events, WidgetEmbedding embedding,
                 WidgetProperties properties, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.embedding = embedding;
        this.properties = properties;
        this.clock = clock;
    }

    /** The rules, as the page writes them. */
    List<String> rules() {
        return List.of(
                "Red: the widget's newest report is a failure (it could not load, could not sign in, was refused "
                        + "framing, or Horizon answered it with a server error) and no render came after it; or a page "
                        + "was refused framing the widget in the last " + words(FRAMING) + ".",
                "Amber: not red, and no render in the last " + words(DAY) + "; or failures in the last "
                        + words(DAY) + ", with renders after them.",
                "Green: a render in the last " + words(DAY) + " and no failure in them.",
                "The page is as good as its worse widget. A render is a widget showing its content to a signed-in "
                        + "agent; widgets report it, and every failure, themselves. Horizon keeps these reports for "
                        + words(properties.eventRetention()) + ".");
    }

    View of(long accountId) {
        Optional<WidgetEmbedding.Embedding> embedded = embedding.of(accountId);
        if (embedded.isEmpty()) {
            return new View(null, WidgetVerdict.NONE, List.of("No helpdesk is connected."), List.of(), null);
        }
        Instant now = clock.instant();
        Instant kept = now.minus(properties.eventRetention());
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        List<Instant> dayStarts = new ArrayList<>();
        for (int day = WidgetStatusRepository.DAYS - 1; day >= 0; day--) {
            dayStarts.add(today.minus(day, ChronoUnit.DAYS));
        }
        Instant daysFrom = dayStarts.get(0);

        Map<String, WidgetStatusRepository.Facts> facts = new LinkedHashMap<>();
        repository.facts(accountId, kept, now.minus(DAY), now.minus(FRAMING))
                .forEach(f -> facts.put(f.widget(), f));
        Map<String, List<Long>> perDay = new LinkedHashMap<>();
        repository.rendersPerDay(accountId, dayStarts, today.plus(1, ChronoUnit.DAYS))
                .forEach(d -> perDay.put(d.widget(), d.renders()));
        List<WidgetStatusRepository.SignInCount> signIns = repository.signIns(accountId, daysFrom);
        List<WidgetStatusRepository.AgentCount> agents = repository.userAgents(accountId, daysFrom, 500);
        Map<String, WidgetEvents.WidgetHealth> timing = new LinkedHashMap<>();
        events.health(accountId, Duration.between(daysFrom, now)).forEach(h -> timing.put(h.widget(), h));

        String psa = embedded.get().psa().displayName();
        WidgetVerdict verdict = WidgetVerdict.GREEN;
        List<String> reasons = new ArrayList<>();
        List<WidgetReport> reports = new ArrayList<>();
        for (String widget : WidgetEvent.WIDGETS) {
            WidgetStatusRepository.Facts known = facts.getOrDefault(widget, WidgetStatusRepository.Facts.none(widget));
            List<WidgetEvent> failures = repository.failures(accountId, widget, kept, ERRORS_SHOWN);
            List<String> widgetReasons = new ArrayList<>();
            WidgetVerdict widgetVerdict = judge(psa, known, failures.isEmpty() ? null : failures.get(0).event(),
                    widgetReasons);
            verdict = verdict.worse(widgetVerdict);
            widgetReasons.forEach(reason -> reasons.add(label(widget) + ": " + lowerFirst(reason)));
            WidgetEvents.WidgetHealth health = timing.get(widget);
            reports.add(new WidgetReport(widget, label(widget), widgetVerdict, widgetReasons, time(known.lastRender()),
                    known.rendersSinceDay(), known.failuresSinceDay(),
                    days(dayStarts, perDay.getOrDefault(widget, zeros())),
                    perDay.getOrDefault(widget, zeros()).stream().mapToLong(Long::longValue).sum(),
                    health == null ? null : health.medianMillis(), health == null ? null : health.p95Millis(),
                    signInRows(widget, signIns, psa, embedded.get().signIn()), browserRows(widget, agents),
                    failures.stream().map(WidgetStatus::errorRow).toList()));
        }
        return new View(embedded.get().psa(), verdict, reasons, reports, embedded.get());
    }

    /**
     * The rules of {@link #rules()} for one widget; {@code reasons} gets every one that fired, as a sentence about the
     * widget.
     *
     * @param newestFailure the event kind of the widget's newest kept failure, null when none is kept
     */
    static WidgetVerdict judge(String psa, WidgetStatusRepository.Facts facts, String newestFailure,
                               List<String> reasons) {
        boolean red = false;
        if (facts.lastFailure() != null
                && (facts.lastRender() == null || facts.lastFailure().isAfter(facts.lastRender()))) {
            red = true;
            reasons.add("Its newest report is a " + eventWords(newestFailure) + " ("
                    + TIME.format(facts.lastFailure()) + "), and it has not rendered since.");
        }
        if (facts.framingBlockedSinceHour() > 0) {
            red = true;
            reasons.add("A page was refused framing it " + times(facts.framingBlockedSinceHour())
                    + " in the last " + words(FRAMING) + ". Horizon lets only " + psa + "'s own pages and itself "
                    + "frame its widgets: check where it is embedded.");
        }
        if (red) {
            return WidgetVerdict.RED;
        }
        boolean amber = false;
        if (facts.rendersSinceDay() == 0) {
            amber = true;
            reasons.add(facts.lastRender() == null
                    ? "No render reported yet. Embed it in " + psa + " (steps below) and open it there."
                    : "No render in the last " + words(DAY) + "; the last one was "
                    + TIME.format(facts.lastRender()) + ".");
        }
        if (facts.failuresSinceDay() > 0) {
            amber = true;
            reasons.add(facts.failuresSinceDay() + " failure" + (facts.failuresSinceDay() == 1 ? "" : "s")
                    + " in the last " + words(DAY) + ", with renders after them.");
        }
        return amber ? WidgetVerdict.AMBER : WidgetVerdict.GREEN;
    }

    private static String lowerFirst(String sentence) {
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    static String label(String widget) {
        return WIDGET_WORDS.getOrDefault(widget, widget);
    }

    static String eventWords(String event) {
        return event == null ? "failure" : EVENT_WORDS.getOrDefault(event, event);
    }

    private static List<DayBar> days(List<Instant> starts, List<Long> renders) {
        long busiest = renders.stream().mapToLong(Long::longValue).max().orElse(0);
        List<DayBar> bars = new ArrayList<>();
        for (int day = 0; day < starts.size(); day++) {
            long count = renders.get(day);
            int percent = busiest == 0 || count == 0 ? 0 : (int) Math.max(2, Math.round(100.0 * count / busiest));
            boolean today = day == starts.size() - 1;
            bars.add(new DayBar(today ? "today" : DAY_LABEL.format(starts.get(day)),
                    starts.get(day).toString().substring(0, 10), count, percent));
        }
        return bars;
    }

    private static List<SignInRow> signInRows(String widget, List<WidgetStatusRepository.SignInCount> counts,
                                              String psa, HelpdeskWidgets.SignIn psaSignIn) {
        Map<String, Long> byPath = new LinkedHashMap<>();
        long unsaid = 0;
        for (WidgetStatusRepository.SignInCount count : counts) {
            if (!count.widget().equals(widget)) {
                continue;
            }
            if (count.signIn() == null || !SIGN_INS.contains(count.signIn())) {
                unsaid += count.renders();
            } else {
                byPath.merge(count.signIn(), count.renders(), Long::sum);
            }
        }
        List<SignInRow> rows = new ArrayList<>();
        rows.add(new SignInRow("psa-member", psaSignIn == HelpdeskWidgets.SignIn.PSA_MEMBER
                ? psa + " handed over its signed-in member, confirmed with " + psa
                : "not a path here: " + psa + " hands widgets no member", byPath.getOrDefault("psa-member", 0L)));
        rows.add(new SignInRow("popup", "the agent signed in to Horizon in the sign-in window",
                byPath.getOrDefault("popup", 0L)));
        rows.add(new SignInRow("refresh", "still signed in from an earlier sign-in (the refresh cookie)",
                byPath.getOrDefault("refresh", 0L)));
        if (unsaid > 0) {
            rows.add(new SignInRow(null, "the widget did not say", unsaid));
        }
        return rows;
    }

    private static List<BrowserRow> browserRows(String widget, List<WidgetStatusRepository.AgentCount> counts) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (WidgetStatusRepository.AgentCount count : counts) {
            if (!count.widget().equals(widget)) {
                continue;
            }
            String name = BrowserNames.name(count.userAgent());
            long[] sums = byName.computeIfAbsent(name, n -> new long[2]);
            sums[0] += count.renders();
            sums[1] += count.failures();
            if (count.userAgent() != null) {
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(count.userAgent());
            }
        }
        return byName.entrySet().stream()
                .map(e -> new BrowserRow(e.getKey(), e.getValue()[0], e.getValue()[1],
                        headers.getOrDefault(e.getKey(), List.of())))
                .sorted(Comparator.comparingLong((BrowserRow b) -> b.renders() + b.failures()).reversed()
                        .thenComparing(BrowserRow::name))
                .limit(BROWSERS_SHOWN)
                .toList();
    }

    private static ErrorRow errorRow(WidgetEvent event) {
        return new ErrorRow(TIME.format(event.at()), event.event(), eventWords(event.event()),
                event.detail() == null ? "" : event.detail(), event.signIn() == null ? "" : event.signIn(),
                BrowserNames.name(event.userAgent()), event.userAgent() == null ? "" : event.userAgent());
    }

    private static List<Long> zeros() {
        List<Long> zeros = new ArrayList<>();
        for (int day = 0; day < WidgetStatusRepository.DAYS; day++) {
            zeros.add(0L);
        }
        return zeros;
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String times(long count) {
        return count == 1 ? "once" : count == 2 ? "twice" : count + " times";
    }

    /** "24 hours", "hour", "30 days": a window in the rules' words. */
    static String words(Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (window.toHours() <= 48 && window.toMinutes() % 60 == 0) {
            return window.toHours() + " hours";
        }
        if (window.toHours() % 24 == 0) {
            long days = window.toDays();
            return days == 1 ? "day" : days + " days";
        }
        return window.toMinutes() + " minutes";
    }
}
