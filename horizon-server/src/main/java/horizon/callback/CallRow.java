package horizon.callback;

import horizon.helpdesk.SignatureVerdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One call as a row of the Callback Log and the ticket trace: the values already in words.
 *
 * @param call      the call
 * @param received  when it arrived (UTC)
 * @param signature the signature verdict as the log words it
 * @param badge     the result's badge class: green when processed, amber when rejected, red when failed
 * @param delay     from arrival to the end of processing, "waiting" while queued, empty when never processed
 */
public record CallRow(LoggedCall call, String received, String signature, String badge, String delay) {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static CallRow of(LoggedCall call) {
        Duration delay = call.processingDelay();
        return new CallRow(call, TIME.format(call.receivedAt()), signature(call.signature()), badge(call.state()),
                delay != null ? words(delay) : call.state() == InboxState.QUEUED ? "waiting" : "");
    }

    /** The entity the call is about in lower case ("tickets"), or the PSA's record type when Horizon has none. */
    public String entity() {
        return call.entity() != null ? call.entity().toLowerCase().replace('_', ' ') : "";
    }

    static String signature(String verdict) {
        if (verdict == null) {
            return "";
        }
        try {
            return SignatureVerdict.valueOf(verdict).label();
        } catch (IllegalArgumentException unknown) {
            return verdict.toLowerCase();
        }
    }

    static String badge(InboxState state) {
        return switch (state) {
            case PROCESSED -> "ok";
            case QUEUED, IGNORED -> "off";
            case REJECTED -> "warn";
            case FAILED -> "error";
        };
    }

    /** An instant as the pages show it, or an empty string. */
    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** A duration in words: "850 ms", "12 s", "3 min 5 s", "2 h 10 min". */
    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return Math.max(0, duration.toMillis()) + " ms";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        long days = seconds / 86_400;
        long hours = (seconds % 86_400) / 3600;
        return days + (days == 1 ? " day" : " days") + (hours == 0 ? "" : " " + hours + " h");
    }

    /** A retention period in words: whole days as days, anything else in hours. */
    static String period(Duration duration) {
        long hours = duration.toHours();
        if (hours % 24 == 0) {
            return hours / 24 + (hours == 24 ? " day" : " days");
        }
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
