package horizon.simulator.autotask.web;

import horizon.simulator.core.web.Html;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A LiveLink: a named URL a ticket's page offers, with the ticket's and the viewer's values filled in. The variable
 * names {@code [TicketID]}, {@code [TicketNumber]} and {@code [ResourceID]} are the simulator's own (Autotask's real
 * names are not confirmed); they match ignoring case and their values are URL-encoded.
 *
 * @param id   the LiveLink's id
 * @param name what the link says
 * @param url  an absolute http(s) URL, variables allowed anywhere
 */
public record LiveLink(long id, String name, String url) {
    public static final int MAX_NAME = 100;

    /** Checks the fields; throws {@link IllegalArgumentException} naming the first bad one. */
    public LiveLink {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        name = name.trim();
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name is longer than " + MAX_NAME + " characters");
        }
        url = Html.requireWebUrl("url", url);
    }

    /** The URL for a ticket seen by a resource. */
    public String urlFor(long ticketId, String ticketNumber, long resourceId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("TicketID", String.valueOf(ticketId));
        values.put("TicketNumber", ticketNumber == null ? "" : ticketNumber);
        values.put("ResourceID", String.valueOf(resourceId));
        return Html.substitute(url, values);
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("name", name).put("url", url);
    }
}
