package horizon.widget;

import java.time.Instant;

/**
 * One thing a widget reported about itself.
 *
 * @param widget    {@code calendar} or {@code ticket}
 * @param event     {@code render}, {@code load-failure}, {@code sign-in-failure}, {@code framing-blocked} or
 *                  {@code server-error}
 * @param signIn    how the widget was signed in ({@code psa-member}, {@code popup}, {@code refresh}), null if not
 * @param millis    for a render, from the page's start to its content on screen; null otherwise
 * @param detail    what the widget said went wrong, at most 500 characters; null for a render
 * @param userAgent the browser, as its User-Agent header named it (at most 300 characters)
 */
public record WidgetEvent(long id, String widget, String event, String signIn, Integer millis, String detail,
                          String userAgent, Instant at) {

    /** The widgets there are. */
    public static final java.util.List<String> WIDGETS = java.util.List.of("calendar", "ticket");
    /** The events a widget reports. */
    public static final java.util.List<String> EVENTS = java.util.List.of("render", "load-failure", "sign-in-failure",
            "framing-blocked", "server-error");
}
