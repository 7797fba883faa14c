package horizon.simulator.autotask.conformance;

import horizon.simulator.core.conformance.DivergenceRule;
import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import horizon.simulator.core.conformance.Whitelist;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whitelist: every place where the simulator deliberately answers differently from the June 2026 Swagger
 * description, because the real service is documented (in autotask-api.md) to behave that way. Each rule is narrow: it
 * names the validator key and the exact properties it covers, so a mistyped or misspelled field is never hidden.
 * A divergence that is a simulator bug does not belong here.
 */
enum Divergence implements DivergenceRule {
    NULL_ENTITY_FIELDS("Swagger 2.0 has no nullable; the real service sends null for every unset field of a record "
            + "and for unset UDF values (autotask-api.md §4, §5), never for id") {
        private static final Pattern RECORD_FIELD = Pattern.compile("^/(items/\\d+|item)/(?!id$)[A-Za-z0-9]+$");
        private static final Pattern UDF_VALUE = Pattern.compile("^/(items/\\d+|item)/userDefinedFields/\\d+/value$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return isNullTypeComplaint(f) && f.aboutResponse()
                    && (RECORD_FIELD.matcher(f.pointer()).matches() || UDF_VALUE.matcher(f.pointer()).matches());
        }
    },
    NULL_PAGE_URLS("the real service sends \"prevPageUrl\": null on the first page and \"nextPageUrl\": null on the "
            + "last (autotask-api.md §3); Swagger 2.0 cannot say so") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return isNullTypeComplaint(f) && f.aboutResponse()
                    && (f.pointer().equals("/pageDetails/nextPageUrl") || f.pointer().equals("/pageDetails/prevPageUrl"));
        }
    },
    NULL_FIELD_METADATA("picklistValues is null for non-picklist fields (autotask-api.md §5) and a UDF without a "
            + "default has defaultValue null (the same .NET serializer; inferred); Swagger 2.0 cannot say so") {
        private static final Pattern PICKLIST = Pattern.compile("^/fields/\\d+/(picklistValues|defaultValue)$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return isNullTypeComplaint(f) && f.aboutResponse() && PICKLIST.matcher(f.pointer()).matches();
        }
    },
    NUMERIC_USER_ACCESS_LEVELS("userAccessForCreate/Delete/Query/Update are numeric enum codes on the wire "
            + "(autotask-api.md §5); the description renders the .NET enum RestUserAccessLevel as an empty object") {
        private static final Pattern ACCESS = Pattern.compile("^/info/userAccessFor(Create|Delete|Query|Update)$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return isTypeComplaint(f, "integer", "object") && ACCESS.matcher(f.pointer()).matches();
        }
    },
    BOOLEAN_WEBHOOK_FIELD_FLAG("isSupportedWebhookField is a boolean on the wire (autotask-api.md §5 sample); the "
            + "description declares it as the empty definition Object") {
        private static final Pattern FLAG = Pattern.compile("^/fields/\\d+/isSupportedWebhookField$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return isTypeComplaint(f, "boolean", "object") && FLAG.matcher(f.pointer()).matches();
        }
    },
    ERROR_LOG_TICKET_WEBHOOK_IDS("WebhookEventErrorLogs rows also name the Ticket or TicketNote webhook that dropped "
            + "the event: the description's model predates those webhook families and has only accountWebhookID and "
            + "contactWebhookID, so without the two extra ids a client could not tell which ticket webhook lost events") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.response.body.schema.additionalProperties")
                    && x.path().contains("/WebhookEventErrorLogs")
                    && f.message().endsWith("not allowed by the schema: [\"ticketNoteWebhookID\",\"ticketWebhookID\"]");
        }
    },
    NUMERIC_ITEM_ID("itemId of a create/update/delete answer is the record's integer id (autotask-api.md §3, §7); "
            + "the description declares it as the empty definition Object") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return isTypeComplaint(f, "integer", "object") && f.pointer().equals("/itemId");
        }
    },
    SCALAR_FILTER_VALUES("a filter's value is an integer, string, boolean or array, as the description's own text for "
            + "Filter.value says, while its schema says object; requests send it that way (autotask-api.md §3)") {
        private static final Pattern VALUE = Pattern.compile("^/filter/\\d+(/items/\\d+)*/value$");

        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.aboutRequest() && f.key().equals("validation.request.body.schema.type")
                    && f.message().contains("(allowed: [\"object\"])") && VALUE.matcher(f.pointer()).matches();
        }
    },
    ANONYMOUS_ZONE_INFORMATION("zoneInformation is the discovery call made before the zone is known, without "
            + "authentication headers (autotask-api.md §1); the description lists the three headers as required") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.request.parameter.header.missing")
                    && x.path().equalsIgnoreCase("/ATServicesRest/V1.0/ZoneInformation");
        }
    },
    UNDOCUMENTED_QUERY_NEXT("{Entity}/query/next (the nextPageUrl target) is not in either Swagger file "
            + "(autotask-api.md §3, §9); its answer is checked against the {Entity}/query operation instead") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.request.path.missing") && x.path().endsWith("/query/next");
        }
    },
    NULL_ITEM_FOR_UNKNOWN_ID("GET {Entity}/{id} of an id that does not exist answers 200 {\"item\": null} "
            + "(autotask-api.md §2); Swagger 2.0 cannot say so") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return isNullTypeComplaint(f) && f.aboutResponse() && f.pointer().equals("/item");
        }
    },
    BODY_ON_DECLARED_ERRORS("401 and 403 are declared without a body; the real service sends its usual error body "
            + "(autotask-api.md §2); the suite checks that body itself") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.response.body.unexpected") && (x.status() == 401 || x.status() == 403);
        }
    },
    UNDECLARED_ERROR_STATUSES("the description declares only 200, 401 and 403; the real service answers errors as "
            + "500 {\"errors\": [...]} and ASP.NET 404/405 {\"Message\"} and 429 (autotask-api.md §2, §6); the suite "
            + "checks those bodies itself") {
        @Override
        public boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.response.status.unknown") && x.status() >= 400;
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

    private static boolean isNullTypeComplaint(Finding f) {
        return f.key().endsWith(".body.schema.type") && f.message().contains("Instance type (null)");
    }

    private static boolean isTypeComplaint(Finding f, String actual, String allowed) {
        return f.key().endsWith(".body.schema.type") && f.message().contains("Instance type (" + actual + ")")
                && f.message().contains("(allowed: [\"" + allowed + "\"])");
    }
}
