package horizon.simulator.autotask.http;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An authenticated REST call after the server has checked zone, credentials, budget and thread limit.
 *
 * @param method HTTP method in upper case
 * @param path   path segments after {@code /ATServicesRest/V1.0/}, as sent (compare ignoring case)
 * @param query  decoded query parameters, keys in lower case
 * @param body   parsed JSON body, or null when there was none
 * @param caller who is calling
 */
public record ApiRequest(String method, List<String> path, Map<String, String> query, JsonNode body, Caller caller) {
}
