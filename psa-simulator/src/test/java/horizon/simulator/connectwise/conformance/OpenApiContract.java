package horizon.simulator.connectwise.conformance;

import com.atlassian.oai.validator.model.Request;
import horizon.simulator.core.conformance.Contract;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConnectWise's OpenAPI 3.0.1 description of Manage 2026.4, GET operations only (a copy under test resources), turned
 * into a validator of exchanges. Paths are validated under the description's server path, {@code /v4_6_release/apis/3.0}.
 * Loading takes a few seconds, so the JVM builds one and keeps it.
 */
final class OpenApiContract extends Contract {
    static final String SPEC = "/horizon/simulator/connectwise/conformance/connectwise-manage-openapi-2026.4-GET-subset.json";
    /** The server path of the description's {@code servers} entry, which the simulator serves under too. */
    static final String BASE = "/v4_6_release/apis/3.0";

    private static final Pattern MAX_LENGTH = Pattern.compile("Max length: (\\d+);");

    private final int maxLengths;

    private OpenApiContract(JsonNode root, int maxLengths) {
        // the default build injects additionalProperties: false into every object schema that does not say
        // otherwise, and reports extra properties as errors: a misspelled or invented field fails
        super(Exchange.JSON.writeValueAsString(root), root, Divergence.WHITELIST, OpenApiContract::template);
        this.maxLengths = maxLengths;
    }

    /** The description loaded once for all conformance classes of this JVM: loading is the slow part. */
    static OpenApiContract shared() {
        return loadedOnce(OpenApiContract.class, OpenApiContract::load);
    }

    private static OpenApiContract load() {
        JsonNode root = Exchange.JSON.readTree(readSpec(SPEC));
        return new OpenApiContract(root, declareMaxLengths(root));
    }

    /**
     * The description states string limits only in prose ({@code "description": " Max length: 100;"}), which a
     * validator does not read; each becomes the {@code maxLength} it states, so an over-long value fails too.
     * Returns how many properties got one.
     */
    private static int declareMaxLengths(JsonNode root) {
        int declared = 0;
        for (Map.Entry<String, JsonNode> schema : root.get("components").get("schemas").properties()) {
            for (Map.Entry<String, JsonNode> property : schema.getValue().path("properties").properties()) {
                if (property.getValue() instanceof ObjectNode p && p.path("type").asString("").equals("string")
                        && !p.has("maxLength")) {
                    Matcher m = MAX_LENGTH.matcher(p.path("description").asString(""));
                    if (m.find()) {
                        p.put("maxLength", Integer.parseInt(m.group(1)));
                        declared++;
                    }
                }
            }
        }
        return declared;
    }

    /** How many string properties got the maxLength their description states. */
    int maxLengths() {
        return maxLengths;
    }

    /**
     * The description's operation a call stands for: {@code GET /service/tickets/{parentId}/notes/{id}} for
     * {@code GET /v4_6_release/apis/3.0/service/tickets/7/notes/9}. A number followed by more segments is the
     * parent's id; a number at the end is the record's.
     */
    static String template(String rawPath) {
        if (!rawPath.startsWith(BASE + "/")) {
            throw new IllegalArgumentException(rawPath + " is not under " + BASE);
        }
        String[] segments = rawPath.substring(BASE.length() + 1).split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.matches("\\d+")) {
                segment = i < segments.length - 1 ? "{parentId}" : "{id}";
            }
            sb.append('/').append(segment);
        }
        return sb.toString();
    }

    /**
     * The unexplained findings of a write's answer, checked as the 200 answer of {@code GET itemPath}: the
     * description has no writes, and ConnectWise answers POST (201) and PATCH (200) with the record itself, which
     * must be what GET of that record would send. The write's request is not validated: nothing describes it.
     */
    List<Finding> violationsOfRecordAnswer(Exchange exchange, String itemPath) {
        return unexplained(validateResponse(BASE + "/" + itemPath, Request.Method.GET, exchange, 200), exchange);
    }
}
