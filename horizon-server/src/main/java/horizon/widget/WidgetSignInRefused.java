package horizon.widget;

/** A widget sign-in Horizon refuses, with a message written for the agent and the HTTP status it answers with. */
class WidgetSignInRefused extends RuntimeException {

    /** Why; each answers with one status. */
    enum Reason {
        UNKNOWN_WIDGET(404, "unknown-widget"),
        NOT_CONNECTED(409, "not-connected"),
        ORIGIN_NOT_ALLOWED(403, "origin-not-allowed"),
        NOT_CONFIRMED(401, "not-confirmed"),
        NOT_MAPPED(403, "not-mapped"),
        BAD_REQUEST(400, "bad-request"),
        TOO_MANY(429, "too-many"),
        PSA_UNAVAILABLE(503, "psa-unavailable");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        /** The {@code error} field of the JSON answer. */
        String code() {
            return code;
        }
    }

    private final Reason reason;

    WidgetSignInRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
