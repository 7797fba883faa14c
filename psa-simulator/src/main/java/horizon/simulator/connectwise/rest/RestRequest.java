package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.Actor;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An authenticated REST call, after the site has checked host, auth, clientId, version and the rate limit.
 *
 * @param method      HTTP method in upper case
 * @param path        path segments after {@code apis/3.0/}
 * @param query       decoded query parameters, keys in lower case
 * @param body        the parsed JSON body, or null when there was none
 * @param actor       the API member calling
 * @param forwardOnly whether the caller asked for forward-only paging ({@code pagination-type: forward-only})
 * @param selfUrl     the URL the call was made to without its query, for Link headers
 * @param rawQuery    the query string as sent, or null
 */
public record RestRequest(String method, List<String> path, Map<String, String> query, JsonNode body, Actor actor,
                          boolean forwardOnly, String selfUrl, String rawQuery) {
}
