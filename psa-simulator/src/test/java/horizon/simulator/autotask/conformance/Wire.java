package horizon.simulator.autotask.conformance;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.RecordingWire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Sends real HTTP requests to a simulated zone, the way an Autotask integration does, and records each exchange. */
final class Wire extends RecordingWire<Wire> {
    private Wire(String apiBase, Map<String, String> headers) {
        super(apiBase, headers);
    }

    /** A client of the user's own zone sending the three authentication headers the description declares. */
    static Wire as(ApiUser user) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ApiIntegrationCode", user.integrationCode());
        headers.put("UserName", user.userName());
        headers.put("Secret", user.secret());
        headers.put("Accept", "application/json");
        return new Wire(user.zoneApiUrl(), headers);
    }

    @Override
    protected Wire copy(String apiBase, Map<String, String> headers) {
        return new Wire(apiBase, headers);
    }

    /** The same zone without any authentication header (zoneInformation is called that way). */
    Wire anonymous() {
        return without("ApiIntegrationCode").without("UserName").without("Secret");
    }

    Wire withSecret(String secret) {
        return with("Secret", secret);
    }

    /** {@code GET V1.0/{collection}/query?search=} with the search JSON url-encoded. */
    Exchange searchGet(String collection, Object search) {
        return get("V1.0/" + collection + "/query?search=" + encode(search));
    }

    /**
     * The code of a picklist value by its label (the first value when label is null), read the documented way: from
     * {@code {collection}/entityInformation/fields}.
     */
    long picklistCode(String collection, String field, String label) {
        for (JsonNode f : get("V1.0/" + collection + "/entityInformation/fields").json().get("fields")) {
            if (f.get("name").asString().equalsIgnoreCase(field)) {
                for (JsonNode v : f.get("picklistValues")) {
                    if (label == null || v.get("label").asString().equals(label)) {
                        return Long.parseLong(v.get("value").asString());
                    }
                }
            }
        }
        throw new AssertionError(collection + "." + field + " has no picklist value " + label);
    }

    static String encode(Object value) {
        String text = value instanceof String s ? s : Exchange.JSON.writeValueAsString(value);
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
