package horizon.simulator.core.conformance;

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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * A PSA's API description turned into a validator of exchanges: the findings of the validator, those the PSA's
 * {@link Whitelist} does not explain, the operations the description declares and those a suite has exercised. A
 * subclass knows its PSA's description file, how a call's path maps to the description's operation, and its
 * PSA-specific checks.
 */
public abstract class Contract {
    private static final Map<Class<?>, Contract> LOADED = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;
    private final List<String> operations;
    private final Whitelist<?> whitelist;
    private final UnaryOperator<String> template;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    /**
     * @param specText  the description the validator reads
     * @param spec      the same description as JSON, whose {@code paths} name the operations
     * @param whitelist the PSA's divergence rules
     * @param template  the description's path for a raw request path: {@code /X/{parentId}/Y/{id}} for {@code /X/7/Y/9}
     */
    protected Contract(String specText, JsonNode spec, Whitelist<?> whitelist, UnaryOperator<String> template) {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(specText).build();
        this.operations = List.copyOf(operations);
        this.whitelist = whitelist;
        this.template = template;
    }

    /** The contract of that type loaded once for all conformance classes of this JVM: loading is the slow part. */
    protected static <C extends Contract> C loadedOnce(Class<C> type, Supplier<C> load) {
        return type.cast(LOADED.computeIfAbsent(type, t -> load.get()));
    }

    /** The text of a description under test resources. */
    protected static String readSpec(String resource) {
        try (InputStream in = Contract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the description says is wrong with the request and the response, before any divergence rule. */
    public List<Finding> check(Exchange exchange) {
        exercise(exchange.method() + " " + template.apply(exchange.path()));
        return validate(exchange);
    }

    /** The validator's findings without counting the call as exercised: for exchanges made up by a test. */
    public List<Finding> validate(Exchange exchange) {
        return findings(validator.validate(request(exchange), response(exchange, exchange.status())));
    }

    /** The findings no divergence rule explains: each one is a simulator bug. */
    public List<Finding> violations(Exchange exchange) {
        return unexplained(check(exchange), exchange);
    }

    /** Every operation ("GET /path/{id}") some check has seen, in this JVM. */
    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** The operations of the description, as "METHOD /path". */
    public List<String> operations() {
        return operations;
    }

    /** Counts an operation as exercised. */
    protected void exercise(String operation) {
        exercised.add(operation);
    }

    /** The findings of the exchange's answer checked as the {@code status} answer of {@code method specPath}. */
    protected List<Finding> validateResponse(String specPath, Request.Method method, Exchange exchange, int status) {
        return findings(validator.validateResponse(specPath, method, response(exchange, status)));
    }

    protected List<Finding> unexplained(List<Finding> findings, Exchange exchange) {
        return whitelist.unexplained(findings, exchange);
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
