package horizon.simulator.autotask.web;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTML dashboard widget: markup an administrator typed, placed in the dashboard as given (so an {@code <iframe>}
 * in it frames another site). A shared widget sits on a shared dashboard tab and is rendered there only while
 * {@code allowHtmlWidgetsOnSharedTabs} is on.
 *
 * @param id     the widget's id
 * @param title  the widget's heading
 * @param html   the markup, not escaped
 * @param shared whether it sits on a shared tab
 */
public record HtmlWidget(long id, String title, String html, boolean shared) {
    public static final int MAX_TITLE = 100;

    /** Checks the fields; throws {@link IllegalArgumentException} naming the first bad one. */
    public HtmlWidget {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title is required");
        }
        title = title.trim();
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title is longer than " + MAX_TITLE + " characters");
        }
        if (html == null || html.isBlank()) {
            throw new IllegalArgumentException("html is required");
        }
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("title", title).put("html", html)
                .put("shared", shared);
    }
}
