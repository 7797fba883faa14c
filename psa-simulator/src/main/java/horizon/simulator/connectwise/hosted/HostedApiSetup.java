package horizon.simulator.connectwise.hosted;

import horizon.simulator.core.web.Html;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Manage Hosted API setup record (System › Setup Tables › Manage Hosted API): a page of an integration that a Manage
 * screen frames, as a pod on the Service Tickets screen or as a Custom Menu Entry.
 *
 * @param id          the record's id, what {@code [cw_id]} would be on the record's own screen
 * @param description what the screen shows above the frame
 * @param screen      where it is framed
 * @param url         the integration's page; may hold {@code [cw_id]} (the id of the record on screen, empty on a
 *                    menu entry) and {@code [cw_screen]} ({@code ServiceTicket} or {@code CustomMenu})
 * @param origin      the integration's origin: the host accepts messages only from it and posts only to it
 * @param podHeight   the frame's height in pixels
 */
public record HostedApiSetup(long id, String description, Screen screen, String url, String origin, int podHeight) {
    public static final int DEFAULT_POD_HEIGHT = 300;
    public static final int MAX_POD_HEIGHT = 2000;
    public static final int MAX_DESCRIPTION = 100;

    /** Where Manage frames the URL. */
    public enum Screen {
        SERVICE_TICKET("ServiceTicket"),
        CUSTOM_MENU("CustomMenu");

        private final String wireName;

        Screen(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the setup record and in {@code [cw_screen]}. */
        public String wireName() {
            return wireName;
        }

        /** By its wire name ({@code ServiceTicket}) or constant name, ignoring case. */
        public static Screen of(String name) {
            if (name != null) {
                for (Screen screen : values()) {
                    if (screen.wireName.equalsIgnoreCase(name.trim()) || screen.name().equalsIgnoreCase(name.trim())) {
                        return screen;
                    }
                }
            }
            throw new IllegalArgumentException("screen must be ServiceTicket or CustomMenu, was " + name);
        }
    }

    /** Checks and normalizes the fields; throws {@link IllegalArgumentException} naming the first bad one. */
    public HostedApiSetup {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description is required");
        }
        description = description.trim();
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (screen == null) {
            throw new IllegalArgumentException("screen is required");
        }
        url = Html.requireWebUrl("url", url);
        origin = Html.requireOrigin("origin", origin);
        if (podHeight < 1 || podHeight > MAX_POD_HEIGHT) {
            throw new IllegalArgumentException("podHeight must be 1 to " + MAX_POD_HEIGHT + ", was " + podHeight);
        }
    }

    /** The URL as the screen frames it: {@code [cw_id]} the record on screen (null: empty), {@code [cw_screen]}. */
    public String frameUrl(Long recordId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cw_id", recordId == null ? "" : String.valueOf(recordId));
        values.put("cw_screen", screen.wireName());
        return Html.substitute(url, values);
    }

    /** The id of the frame on its screen, sent to the pod as {@code MessageFrameID}. */
    public String frameId() {
        return (screen == Screen.SERVICE_TICKET ? "cw-pod-" : "cw-menu-") + id;
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("description", description);
        node.put("screen", screen.wireName());
        node.put("url", url);
        node.put("origin", origin);
        node.put("podHeight", podHeight);
        return node;
    }
}
