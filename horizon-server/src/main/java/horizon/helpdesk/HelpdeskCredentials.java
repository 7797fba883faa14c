package horizon.helpdesk;

import java.util.ArrayList;
import java.util.List;

/**
 * The three values an admin copies out of the PSA to let Horizon in.
 *
 * <p>{@link #toString()} never prints the values, so a credentials object that ends up in a log line or an exception
 * leaks nothing.
 *
 * @param userName        the API user's name (Autotask: the generated key)
 * @param secret          the API user's secret
 * @param integrationCode the API tracking identifier the PSA issued to Horizon
 */
public record HelpdeskCredentials(String userName, String secret, String integrationCode) {

    public static final String USER_NAME_LABEL = "API Username";
    public static final String SECRET_LABEL = "API Secret";
    public static final String INTEGRATION_CODE_LABEL = "API Integration Code";

    /** Trims what the admin pasted: copied keys often carry a stray space or line break. */
    public HelpdeskCredentials {
        userName = trim(userName);
        secret = trim(secret);
        integrationCode = trim(integrationCode);
    }

    /** The labels of the fields left blank, in form order; empty when all three are filled in. */
    public List<String> missingFields() {
        List<String> missing = new ArrayList<>();
        if (userName.isEmpty()) {
            missing.add(USER_NAME_LABEL);
        }
        if (secret.isEmpty()) {
            missing.add(SECRET_LABEL);
        }
        if (integrationCode.isEmpty()) {
            missing.add(INTEGRATION_CODE_LABEL);
        }
        return List.copyOf(missing);
    }

    @Override
    public String toString() {
        return "HelpdeskCredentials[userName=" + (userName.isEmpty() ? "" : "(set)")
                + ", secret=" + (secret.isEmpty() ? "" : "(set)")
                + ", integrationCode=" + (integrationCode.isEmpty() ? "" : "(set)") + "]";
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
