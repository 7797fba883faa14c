package horizon.helpdesk.configuration;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A stored connection as pages and the API may show it: credentials masked, never revealed.
 *
 * @param kind            the PSA
 * @param state           CONNECTED when the last test succeeded, FAILING otherwise
 * @param zone            the discovered zone
 * @param resource        the API user's resource, may be null
 * @param maskedUserName  the first characters of the username followed by dots
 * @param lastTestAt      when the connection was last tested
 * @param lastTestMessage why the last test failed, null after a success
 * @param lastSuccessAt   when a test last succeeded
 * @param budget          the last request budget reading, may be null
 */
public record ConnectionView(HelpdeskKind kind, State state, HelpdeskZone zone, HelpdeskResource resource,
                             String maskedUserName, Instant lastTestAt, String lastTestMessage, Instant lastSuccessAt,
                             ApiBudget budget) {

    /** How a secret field is shown once stored. */
    public static final String SET = "••••••• (set)";

    /** Whether the stored credentials worked the last time they were tested. */
    public enum State { CONNECTED, FAILING }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String lastTestAtText() {
        return text(lastTestAt);
    }

    public String lastSuccessAtText() {
        return lastSuccessAt == null ? "never" : text(lastSuccessAt);
    }

    public String budgetReadAtText() {
        return budget == null ? "" : text(budget.readAt());
    }

    private static String text(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    /** Shows the first four characters of a username, the rest as dots; short names are hidden entirely. */
    static String mask(String userName) {
        if (userName.length() <= 6) {
            return "••••";
        }
        return userName.substring(0, 4) + "••••";
    }
}
