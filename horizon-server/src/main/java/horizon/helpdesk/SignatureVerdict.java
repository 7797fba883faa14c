package horizon.helpdesk;

/** How an inbound call's signature was judged, as the Callback Log shows it. */
public enum SignatureVerdict {
    /** The signature matched the raw bytes. */
    VALID("valid"),
    /** The signature matched only the body re-escaped as the PSA's serializer writes it (Autotask's .NET escaping). */
    VALID_ESCAPED("valid (re-escaped)"),
    /** A signature was there and did not match. */
    INVALID("invalid"),
    /** No signature header. */
    MISSING("missing"),
    /** Not checked: the call was rejected before (malformed, unknown webhook, key not fetchable). */
    NOT_CHECKED("not checked");

    private final String label;

    SignatureVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean proven() {
        return this == VALID || this == VALID_ESCAPED;
    }
}
