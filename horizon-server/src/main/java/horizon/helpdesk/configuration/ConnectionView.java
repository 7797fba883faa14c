package horizon.helpdesk.configuration;

import java.util.List;
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
 * @param state           see {@link State}
 * @param failure         why the connection stopped, null unless FAILING
 * @param zone            the discovered zone
 * @param resource        the API user's resource, may be null
 * @param fields          every credential field, masked: the identity's first characters, secrets as set
 * @param lastTestAt      when the connection was last tested
 * @param lastTestMessage why the last test failed, null after a success
 * @param lastSuccessAt   when a test last succeeded
 * @param budget          the last request budget reading, may be null
 */
public record ConnectionView(HelpdeskKind kind, State state, ConnectionFailure failure, HelpdeskZone zone,
                             HelpdeskResource resource,
                             List<MaskedField> fields, Instant lastTestAt, String lastTestMessage, Instant lastSuccessAt,
                             ApiBudget budget) {

    /**
     * One stored credential field as shown.
     *
     * @param name  the field's name
     * @param label its label
     * @param shown    what the page shows: part of the identity, a choice's label, or {@link #SET} for a secret
     * @param identity whether this is the field that names the API user
     */
    public record MaskedField(String name, String label, String shown, boolean identity) {
    }

    /** How a secret field is shown once stored. */
    public static final String SET = "••••••• (set)";

    /** Whether the connection works. */
    public enum State {
        /** The last test succeeded and nothing has failed for good since. */
        CONNECTED,
        /** The last test failed in a way that may pass later (the PSA unreachable, busy); work goes on. */
        TEST_FAILED,
        /** A permanent failure stopped the connection; nothing is scheduled until it is fixed ({@link #failure()}). */
        FAILING
    }

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

    /** The identity field as shown (the API user's key, partly), for the summary line; empty without one. */
    public String maskedIdentity() {
        return fields.stream().filter(MaskedField::identity).map(MaskedField::shown).findFirst().orElse("");
    }

    /** Shows the first four characters of a username, the rest as dots; short names are hidden entirely. */
    static String mask(String userName) {
        if (userName.length() <= 6) {
            return "••••";
        }
        return userName.substring(0, 4) + "••••";
    }
}
