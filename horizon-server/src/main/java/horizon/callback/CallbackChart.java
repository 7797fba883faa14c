package horizon.callback;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Callback Status's chart of the last 24 hours, laid out for an inline SVG: per 10 minutes a bar of the calls received
 * (accepted, rejected and failed stacked), and the median processing lag as a line on the right-hand axis.
 *
 * @param bars      one per bucket, oldest first
 * @param lagPath   the SVG path of the median lag (gaps where nothing was processed), or empty
 * @param lagPoints the median lag of each bucket that has one, drawn as dots so a lone bucket shows too
 * @param callTicks the left axis: calls per 10 minutes
 * @param lagTicks  the right axis: median lag
 * @param timeTicks the bottom axis: every third whole hour (UTC)
 * @param empty     whether no call arrived in the 24 hours
 */
public record CallbackChart(List<Bar> bars, String lagPath, List<Point> lagPoints, List<Tick> callTicks,
                            List<Tick> lagTicks, List<Tick> timeTicks, boolean empty, long received, long rejected,
                            long failed) {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 300;
    public static final int LEFT = 60;
    public static final int RIGHT = WIDTH - 84;
    public static final int TOP = 40;
    public static final int BOTTOM = HEIGHT - 44;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /**
     * One 10-minute bar; y and height per part, bottom to top: accepted, rejected, failed.
     *
     * @param title what a pointer over the bar reads
     */
    public record Bar(double x, double width, double acceptedY, double acceptedHeight, double rejectedY,
                      double rejectedHeight, double failedY, double failedHeight, String title) {
    }

    /** A point of the lag line. */
    public record Point(double x, double y) {
    }

    /** A labelled position on an axis. */
    public record Tick(double at, String label) {
    }

    /** The plot area's edges, for the template. */
    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return BOTTOM;
    }

    static CallbackChart of(List<CallbackBucket> buckets) {
        int count = Math.max(1, buckets.size());
        double plotWidth = RIGHT - LEFT;
        double plotHeight = BOTTOM - TOP;
        double slot = plotWidth / count;
        long maxCalls = buckets.stream().mapToLong(CallbackBucket::received).max().orElse(0);
        long callStep = niceStep(Math.max(4, maxCalls), 4);
        long callTop = callStep * 4;
        long maxLag = buckets.stream().filter(b -> b.lagP50() != null).mapToLong(b -> b.lagP50().toMillis()).max()
                .orElse(0);
        long lagStep = niceStep(Math.max(100, maxLag), 4);
        long lagTop = lagStep * 4;

        List<Bar> bars = new ArrayList<>();
        StringBuilder lag = new StringBuilder();
        List<Point> lagPoints = new ArrayList<>();
        boolean drawing = false;
        long received = 0;
        long rejected = 0;
        long failed = 0;
        for (int i = 0; i < buckets.size(); i++) {
            CallbackBucket bucket = buckets.get(i);
            received += bucket.received();
            rejected += bucket.rejected();
            failed += bucket.failed();
            double x = LEFT + i * slot;
            long accepted = Math.max(0, bucket.received() - bucket.rejected() - bucket.failed());
            double acceptedHeight = plotHeight * accepted / callTop;
            double rejectedHeight = plotHeight * bucket.rejected() / callTop;
            double failedHeight = plotHeight * bucket.failed() / callTop;
            double acceptedY = BOTTOM - acceptedHeight;
            double rejectedY = acceptedY - rejectedHeight;
            double failedY = rejectedY - failedHeight;
            Instant end = bucket.start().plus(Duration.ofMinutes(10));
            String title = HOUR.format(bucket.start()) + "–" + HOUR.format(end) + " UTC: " + bucket.received()
                    + " received, " + bucket.rejected() + " rejected, " + bucket.failed() + " failed"
                    + (bucket.lagP50() == null ? "" : "; median lag " + CallRow.words(bucket.lagP50()));
            bars.add(new Bar(round(x + slot * 0.1), round(slot * 0.8), round(acceptedY), round(acceptedHeight),
                    round(rejectedY), round(rejectedHeight), round(failedY), round(failedHeight), title));
            if (bucket.lagP50() == null) {
                drawing = false;
            } else {
                double y = BOTTOM - plotHeight * Math.min(lagTop, bucket.lagP50().toMillis()) / lagTop;
                lag.append(drawing ? " L" : (lag.isEmpty() ? "M" : " M")).append(round(x + slot / 2)).append(' ')
                        .append(round(y));
                lagPoints.add(new Point(round(x + slot / 2), round(y)));
                drawing = true;
            }
        }

        List<Tick> callTicks = new ArrayList<>();
        List<Tick> lagTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double y = round(BOTTOM - plotHeight * i / 4);
            callTicks.add(new Tick(y, String.valueOf(callStep * i)));
            lagTicks.add(new Tick(y, CallRow.words(Duration.ofMillis(lagStep * i))));
        }
        List<Tick> timeTicks = new ArrayList<>();
        if (!buckets.isEmpty()) {
            Instant since = buckets.get(0).start();
            Instant until = buckets.get(buckets.size() - 1).start().plus(Duration.ofMinutes(10));
            double span = Duration.between(since, until).toMillis();
            Instant hour = since.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            for (; !hour.isAfter(until); hour = hour.plus(Duration.ofHours(1))) {
                if (hour.atZone(ZoneOffset.UTC).getHour() % 3 == 0) {
                    double x = LEFT + plotWidth * Duration.between(since, hour).toMillis() / span;
                    timeTicks.add(new Tick(round(x), HOUR.format(hour)));
                }
            }
        }
        return new CallbackChart(bars, lag.toString(), lagPoints, callTicks, lagTicks, timeTicks, received == 0,
                received, rejected, failed);
    }

    /** A step of 1, 2 or 5 times a power of ten that fits {@code max} in {@code steps} steps. */
    static long niceStep(long max, int steps) {
        double raw = (double) max / steps;
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long factor : new long[]{1, 2, 5, 10}) {
            if (power * factor >= raw) {
                return power * factor;
            }
        }
        return power * 10;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
