package horizon.simulator.connectwise.conformance;

import horizon.simulator.core.conformance.DivergenceRule;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import horizon.simulator.core.conformance.Whitelist;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whitelist: every place where the simulator deliberately answers differently from ConnectWise's OpenAPI
 * description of Manage 2026.4, because the real service behaves that way. Each rule is narrow: it names the
 * validator key and the exact properties it covers, so a mistyped or misspelled field is never hidden. A divergence
 * that is a simulator bug does not belong here.
 */
enum Divergence implements DivergenceRule {
    SCALAR_CUSTOM_FIELD_VALUES("CustomFieldValue.value is a .NET object, which the description's generator renders "
            + "as type: object; on the wire it is the JSON scalar the custom field holds (a string for a Text field, "
            + "a number or boolean for Number and Checkbox fields) or null when unset, as clients read and write it") {
        private final Pattern value = Pattern.compile("^(/\\d+)?/customFields/\\d+/value$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.aboutResponse() && f.key().equals("validation.response.body.schema.type")
                    && value.matcher(f.pointer()).matches()
                    && f.message().matches("(?s).*Instance type \\((string|integer|number|boolean|null)\\).*")
                    && f.message().contains("(allowed: [\"object\"])");
        }
    },
    PARTIAL_RESPONSE_WITHOUT_REQUIRED("fields= asks for a partial response: ConnectWise sends only the named fields, "
            + "so a model's required properties that were not named are absent; the description's required lists "
            + "are about writes and full records. Covered only where every missing property is outside the selection") {
        private final Pattern missing = Pattern.compile("missing required properties \\(\\[([^]]*)]\\)");
        private final Pattern recordRoot = Pattern.compile("^(/\\d+)?$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            String fields = x.queryParams().get("fields");
            if (fields == null || !f.key().equals("validation.response.body.schema.required")
                    || !recordRoot.matcher(f.pointer()).matches()) {
                return false;
            }
            Matcher m = missing.matcher(f.message());
            if (!m.find()) {
                return false;
            }
            Set<String> selected = Set.copyOf(Arrays.stream(fields.split(","))
                    .map(path -> path.strip().split("/")[0].toLowerCase(java.util.Locale.ROOT)).toList());
            return Arrays.stream(m.group(1).split(",")).map(name -> name.strip().replace("\"", ""))
                    .noneMatch(name -> selected.contains(name.toLowerCase(java.util.Locale.ROOT)));
        }
    },
    UNDECLARED_ERROR_STATUSES("the description declares only the 200 answer of each GET; ConnectWise answers errors "
            + "as 400 (bad conditions), 401 (authentication), 404 (unknown record or parent) with its error body "
            + "{code, message, errors}, which the suite checks itself") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.response.status.unknown") && Set.of(400, 401, 404).contains(x.status());
        }
    };

    static final Whitelist<Divergence> WHITELIST = new Whitelist<>(Divergence.class);

    private final String reason;

    Divergence(String reason) {
        this.reason = reason;
    }

    @Override
    public String reason() {
        return reason;
    }

    /** The rules that explained at least one finding in this JVM: a rule nothing needs should be deleted. */
    static Set<Divergence> used() {
        return WHITELIST.used();
    }
}
