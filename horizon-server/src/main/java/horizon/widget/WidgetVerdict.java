package horizon.widget;

/** Widget Status's verdict on a widget and on the page; the rules are on the page ({@link WidgetStatus#rules()}). */
public enum WidgetVerdict {
    GREEN, AMBER, RED,
    /** No helpdesk connection: nothing is embedded, nothing to judge. */
    NONE;

    /** The worse of two verdicts. */
    WidgetVerdict worse(WidgetVerdict other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        return other.ordinal() > ordinal() ? other : this;
    }
}
