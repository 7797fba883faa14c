package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Why an account's connection stopped: a permanent failure ({@link HelpdeskException.Kind#stopsConnection()}) found by
 * a sync or a connection test. Nothing is scheduled for the account until the credentials change or a test succeeds.
 *
 * @param failedAt when it was found
 * @param kind     the failure's kind
 * @param title    a short heading, e.g. "Secret wrong"
 * @param message  what the PSA said, in the admin's words
 * @param advice   what to do
 * @param foundBy  {@code sync} or {@code test}
 */
public record ConnectionFailure(Instant failedAt, HelpdeskException.Kind kind, String title, String message,
                                String advice, String foundBy) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_TEXT = 4000;

    /** The failure as recorded now; the advice says what the admin does, with the PSA's own steps when it gave any. */
    static ConnectionFailure of(HelpdeskException failure, String foundBy, Instant now) {
        return new ConnectionFailure(now, failure.kind(), failure.title(), cut(failure.getMessage()),
                cut(advice(failure.kind(), failure.steps())), foundBy);
    }

    /** One line for every page: "Connection failing: what the PSA said. What to do." */
    public String summary() {
        return "Connection failing: " + message + " " + advice;
    }

    public String failedAtText() {
        return MINUTES.format(failedAt);
    }

    static String advice(HelpdeskException.Kind kind, List<String> steps) {
        String then = "Syncing resumes by itself once the credentials are replaced or Test again succeeds on Helpdesk "
                + "Configuration.";
        String fix = switch (kind) {
            case PERMISSION -> "Give the API user the missing right in the PSA, then press Test again.";
            case CREDENTIALS_UNREADABLE -> "Start every node with the master key these credentials were sealed with, "
                    + "or replace the credentials.";
            default -> "Replace the credentials on Helpdesk Configuration.";
        };
        StringBuilder text = new StringBuilder(fix);
        for (int i = 0; i < steps.size(); i++) {
            text.append(i == 0 ? " In the PSA: " : " ").append(i + 1).append(". ").append(steps.get(i));
        }
        return text.append(' ').append(then).toString();
    }

    private static String cut(String text) {
        String value = text == null ? "" : text;
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT - 1) + "…";
    }
}
