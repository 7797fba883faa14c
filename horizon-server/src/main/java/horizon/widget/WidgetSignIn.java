package horizon.widget;

/** How a widget's sign-in started, as stored with its tokens and reported by its events. */
enum WidgetSignIn {
    /** The PSA handed over its signed-in member and the PSA confirmed it. */
    PSA_MEMBER("psa-member"),
    /** The agent signed in to Horizon in the popup, which handed the widget a one-time code. */
    POPUP("popup");

    private final String wire;

    WidgetSignIn(String wire) {
        this.wire = wire;
    }

    /** The name widgets and the database use. */
    String wire() {
        return wire;
    }
}
