package horizon.simulator.autotask.conformance;

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
import tools.jackson.databind.JsonNode;

/**
 * The June 2026 Swagger description of webservices14 (a copy under test resources), turned into a validator of
 * exchanges. Loading takes about 2 s, so a test class builds one and keeps it.
 */
final class SwaggerContract {
    static final String SPEC = "/horizon/simulator/autotask/conformance/swagger-webservices14-2026-06.json";

    private static volatile SwaggerContract shared;

    private final OpenApiInteractionValidator validator;
    private final List<String> operations;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private SwaggerContract(OpenApiInteractionValidator validator, List<String> operations) {
        this.validator = validator;
        this.operations = operations;
    }

    /** The description loaded once for all conformance classes of this JVM: loading is the slow part. */
    static SwaggerContract shared() {
        SwaggerContract contract = shared;
        if (contract == null) {
            synchronized (SwaggerContract.class) {
                contract = shared;
                if (contract == null) {
                    contract = load();
                    shared = contract;
                }
            }
        }
        return contract;
    }

    static SwaggerContract load() {
        try (InputStream in = SwaggerContract.class.getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the test resources");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : Exchange.JSON.readTree(text).get("paths").properties()) {
                for (String method : path.getValue().propertyNames()) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
            return new SwaggerContract(OpenApiInteractionValidator.createForInlineApiSpecification(text).build(),
                    List.copyOf(operations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the description says is wrong with the request and the response, before any divergence rule. */
    List<Finding> check(Exchange exchange) {
        exercised.add(exchange.method() + " " + template(exchange.path()));
        return findings(validator.validate(request(exchange, exchange.path()), response(exchange)));
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

    /** Every operation ("GET /V1.0/Tickets/{id}") some check has seen, in this JVM. */
    Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** The operations of the description, as "METHOD /V1.0/...". */
    List<String> operations() {
        return operations;
    }

    /** The findings no {@link Divergence} rule explains: each one is a simulator bug. */
    List<Finding> violations(Exchange exchange) {
        return unexplained(check(exchange), exchange);
    }

    /** The unexplained findings of an undocumented call whose answer must be that of {@code method specPath}. */
    List<Finding> violationsAnsweringAs(Exchange exchange, String method, String specPath) {
        List<Finding> all = new ArrayList<>(check(exchange));
        all.addAll(checkResponseAs(exchange, method, specPath));
        return unexplained(all, exchange);
    }

    private static List<Finding> unexplained(List<Finding> findings, Exchange exchange) {
        return findings.stream().filter(f -> Divergence.explaining(f, exchange).isEmpty()).distinct().toList();
    }

    /**
     * Checks only the response, as if it had answered {@code method specPath}: for calls the description lacks
     * (query/next) whose body is documented to be that operation's.
     */
    List<Finding> checkResponseAs(Exchange exchange, String method, String specPath) {
        exercised.add(method + " " + specPath.replaceFirst("^/ATServicesRest", ""));
        return findings(validator.validateResponse(specPath, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                response(exchange)));
    }

    private static Request request(Exchange exchange, String path) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), path);
        exchange.requestHeaders().forEach(builder::withHeader);
        for (Map.Entry<String, String> param : exchange.queryParams().entrySet()) {
            builder.withQueryParam(param.getKey(), param.getValue());
        }
        if (exchange.requestBody() != null) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
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
