package horizon.simulator.autotask.webhook;

import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.http.ApiRequest;
import horizon.simulator.autotask.http.ApiResponse;
import horizon.simulator.autotask.http.Caller;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the webhook endpoint directly, the way the HTTP server does after authentication. */
final class WebhookApi {
    static final long API_USER_RESOURCE = 29682885L;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Webhooks webhooks;
    private final Caller caller;

    WebhookApi(Webhooks webhooks, SecurityLevel level) {
        this.webhooks = webhooks;
        this.caller = new Caller("api-user@example.com", "INTEGRATIONCODE", API_USER_RESOURCE, API_USER_RESOURCE, level);
    }

    WebhookApi(Webhooks webhooks) {
        this(webhooks, SecurityLevel.API_WEBHOOK);
    }

    ApiResponse call(String method, String path, String jsonBody) {
        return call(method, path, jsonBody, Map.of());
    }

    ApiResponse call(String method, String path, String jsonBody, Map<String, String> query) {
        List<String> segments = Arrays.asList(path.split("/"));
        JsonNode body = jsonBody == null ? null : JSON.readTree(jsonBody);
        var endpoint = webhooks.endpoint();
        if (!endpoint.handles(segments)) {
            throw new AssertionError("the webhook endpoint does not handle " + path);
        }
        return endpoint.handle(new ApiRequest(method, segments, query, body, caller));
    }

    ApiResponse get(String path) {
        return call("GET", path, null);
    }

    /** POSTs and returns the new itemId, failing the test on any other answer. */
    long create(String path, String jsonBody) {
        ApiResponse response = call("POST", path, jsonBody);
        if (response.status() != 200 || !response.body().has("itemId")) {
            throw new AssertionError("POST " + path + " answered " + response.status() + " " + response.body());
        }
        return response.body().get("itemId").longValue();
    }

    /** A webhook of the given collection pointing at the receiver, with the given event subscriptions. */
    long createWebhook(String collection, String url, String deactivationUrl, boolean create, boolean update,
                       boolean delete) {
        return create(collection, """
                {"Name": "Horizon", "WebhookUrl": "%s", "DeactivationUrl": "%s", "SecretKey": "test-webhook-secret",
                 "IsActive": true, "IsSubscribedToCreateEvents": %s, "IsSubscribedToUpdateEvents": %s,
                 "IsSubscribedToDeleteEvents": %s, "SendThresholdExceededNotification": false}
                """.formatted(url, deactivationUrl, create, update, delete));
    }

    long addField(String collection, long webhookId, long fieldId, boolean subscribed, boolean displayAlways) {
        return create(collection + "/" + webhookId + "/Fields", """
                {"FieldID": %d, "IsSubscribedField": %s, "IsDisplayAlwaysField": %s, "WebhookID": %d}
                """.formatted(fieldId, subscribed, displayAlways, webhookId));
    }
}
