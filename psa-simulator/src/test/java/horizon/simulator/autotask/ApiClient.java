package horizon.simulator.autotask;

import horizon.simulator.core.JsonHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A small Autotask REST client over real HTTP for the tests: Autotask's headers and its query call. */
public final class ApiClient extends JsonHttpClient<ApiClient> {

    /** A client that, as Autotask integrations do, names JSON as the Content-Type of every request. */
    public ApiClient(String baseUrl) {
        this(baseUrl, Map.of("Content-Type", "application/json"));
    }

    private ApiClient(String baseUrl, Map<String, String> headers) {
        super(baseUrl, headers);
    }

    @Override
    protected ApiClient copy(String baseUrl, Map<String, String> headers) {
        return new ApiClient(baseUrl, headers);
    }

    /** A client for the user's own zone with the user's credentials. */
    public static ApiClient of(ApiUser user) {
        return new ApiClient(user.zoneApiUrl()).header("ApiIntegrationCode", user.integrationCode())
                .header("UserName", user.userName()).header("Secret", user.secret());
    }

    /** GET {Entity}/query?search= with the search JSON url-encoded. */
    public Response query(String entity, Object search) {
        return get("V1.0/" + entity + "/query?search=" + encode(search));
    }

    public static String encode(Object search) {
        String text = search instanceof String s ? s : JSON.writeValueAsString(search);
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
