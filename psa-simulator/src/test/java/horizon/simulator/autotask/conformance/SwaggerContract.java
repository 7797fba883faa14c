package horizon.simulator.autotask.conformance;

import com.atlassian.oai.validator.model.Request;
import horizon.simulator.core.conformance.Contract;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The June 2026 Swagger description of webservices14 (a copy under test resources), turned into a validator of
 * exchanges. Loading takes about 2 s, so a test class builds one and keeps it.
 */
final class SwaggerContract extends Contract {
    static final String SPEC = "/horizon/simulator/autotask/conformance/swagger-webservices14-2026-06.json";

    private SwaggerContract(String text) {
        super(text, Exchange.JSON.readTree(text), Divergence.WHITELIST, SwaggerContract::template);
    }

    /** The description loaded once for all conformance classes of this JVM: loading is the slow part. */
    static SwaggerContract shared() {
        return loadedOnce(SwaggerContract.class, SwaggerContract::load);
    }

    static SwaggerContract load() {
        return new SwaggerContract(readSpec(SPEC));
    }

    /**
     * The description's operation a call stands for: {@code GET /V1.0/Tickets/{parentId}/Notes/{id}} for
     * {@code GET /ATServicesRest/V1.0/Tickets/7/Notes/9}.
     */
    static String template(String rawPath) {
        String[] segments = rawPath.replaceFirst("^/ATServicesRest", "").split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.matches("\\d+")) {
                segment = i == 3 && segments.length > 4 ? "{parentId}" : "{id}";
            }
            sb.append('/').append(segment);
        }
        return sb.toString();
    }

    /** The unexplained findings of an undocumented call whose answer must be that of {@code method specPath}. */
    List<Finding> violationsAnsweringAs(Exchange exchange, String method, String specPath) {
        List<Finding> all = new ArrayList<>(check(exchange));
        all.addAll(checkResponseAs(exchange, method, specPath));
        return unexplained(all, exchange);
    }

    /**
     * Checks only the response, as if it had answered {@code method specPath}: for calls the description lacks
     * (query/next) whose body is documented to be that operation's.
     */
    List<Finding> checkResponseAs(Exchange exchange, String method, String specPath) {
        exercise(method + " " + specPath.replaceFirst("^/ATServicesRest", ""));
        return validateResponse(specPath, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), exchange,
                exchange.status());
    }
}
