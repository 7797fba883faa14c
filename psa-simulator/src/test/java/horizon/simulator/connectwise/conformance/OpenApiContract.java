package horizon.simulator.connectwise.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConnectWise's OpenAPI 3.0.1 description of Manage 2026.4, GET operations only (a copy under test resources), turned
 * into a validator of exchanges. Paths are validated under the description's server path, {@code /v4_6_release/apis/3.0}.
 * Loading takes a few seconds, so the JVM builds one and keeps it.
 */
final class OpenApiContract {
    static final String SPEC = "/horizon/simulator/connectwise/conformance/connectwise-manage-openapi-2026.4-GET-subset.json";
    /** The server path of the description's {@code servers} entry, which the simulator serves under too. */
    static final String BASE = "/v4_6_release/apis/3.0";

    private static final Pattern MAX_LENGTH = Pattern.compile("Max length: (\\d+);");
    private static volatile OpenApiContract shared;

    private final OpenApiInteractionValidator validator;
    private final List<String> operations;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final int maxLengths;

    private OpenApiContract(OpenApiInteractionValidator validator, List<String> operations, int maxLengths) {
        this.validator = validator;
        this.operations = operations;
        this.maxLengths = maxLengths;
    }

    /** The description loaded once for all conformance classes of this JVM: loading is the slow part. */
    static OpenApiContract shared() {
        OpenApiContract contract = shared;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                contract = shared;
                if (contract == null) {
                    contract = load();
                    shared = contract;
                }
            }
        }
        return contract;
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the test resources");
            }
            JsonNode root = Exchange.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
                for (String method : path.getValue().propertyNames()) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
            int maxLengths = declareMaxLengths(root);
            // the default build injects additionalProperties: false into every object schema that does not say
            // otherwise, and reports extra properties as errors: a misspelled or invented field fails
            return new OpenApiContract(OpenApiInteractionValidator.createForInlineApiSpecification(
                    Exchange.JSON.writeValueAsString(root)).build(), List.copyOf(operations), maxLengths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Everything the description says is wrong with the request and the response, before any divergence rule. */
    List<Finding> check(Exchange exchange) {
        exercised.add(exchange.method() + " " + template(exchange.path()));
        return validate(exchange);
    }

    /** The validator's findings without counting the call as exercised: for exchanges made up by a test. */
    List<Finding> validate(Exchange exchange) {
        return findings(validator.validate(request(exchange), response(exchange, exchange.status())));
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

    /** Every operation ("GET /service/tickets/{id}") some check has seen, in this JVM. */
    Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** The operations of the description, as "GET /service/...". */
    List<String> operations() {
        return operations;
    }

    /** The findings no {@link Divergence} rule explains: each one is a simulator bug. */
    List<Finding> violations(Exchange exchange) {
        return unexplained(check(exchange), exchange);
    }

    /**
     * The unexplained findings of a write's answer, checked as the 200 answer of {@code GET itemPath}: the
     * description has no writes, and ConnectWise answers POST (201) and PATCH (200) with the record itself, which
     * must be what GET of that record would send. The write's request is not validated: nothing describes it.
     */
    List<Finding> violationsOfRecordAnswer(Exchange exchange, String itemPath) {
        List<Finding> findings = findings(validator.validateResponse(BASE + "/" + itemPath, Request.Method.GET,
                response(exchange, 200)));
        return unexplained(findings, exchange);
    }

    private static List<Finding> unexplained(List<Finding> findings, Exchange exchange) {
        return findings.stream().filter(f -> Divergence.explaining(f, exchange).isEmpty()).distinct().toList();
    }

    private static Request request(Exchange exchange) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), exchange.path());
        exchange.requestHeaders().forEach(builder::withHeader);
        for (Map.Entry<String, String> param : exchange.queryParams().entrySet()) {
            builder.withQueryParam(param.getKey(), param.getValue());
        }
        if (exchange.requestBody() != null) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange, int status) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(status);
        exchange.responseHeaders().forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                builder.withHeader(name, values);
            }
        });
        if (!exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static List<Finding> findings(ValidationReport report) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.IGNORE || message.getLevel() == ValidationReport.Level.INFO) {
                continue;
            }
            flatten(message, findings);
        }
        return findings;
    }

    /** oneOf/anyOf complaints carry the real ones nested; keep the leaves so rules can look at single properties. */
    private static void flatten(ValidationReport.Message message, List<Finding> into) {
        if (!message.getNestedMessages().isEmpty()) {
            message.getNestedMessages().forEach(nested -> flatten(nested, into));
            return;
        }
        String pointer = message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
        into.add(new Finding(message.getKey(), pointer, message.getMessage()));
    }
}
