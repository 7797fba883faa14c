package horizon.helpdesk.autotask;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Horizon's Autotask adapter, as far as connecting goes. */
@Component
class AutotaskConnector implements HelpdeskConnector {

    private final ZoneResolver zones;
    private final AutotaskApi api;
    private final Clock clock;

    AutotaskConnector(ZoneResolver zones, AutotaskApi api, Clock clock) {
        this.zones = zones;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.AUTOTASK;
    }

    /**
     * Fields complete, then a fresh zone discovery (proves the user exists), then the API user's own resource (proves
     * secret, integration code and read permission), then the request budget.
     */
    @Override
    public ConnectionTestResult testConnection(HelpdeskCredentials credentials) {
        List<String> missing = credentials.missingFields();
        if (!missing.isEmpty()) {
            throw HelpdeskException.incomplete(missing);
        }
        zones.rediscover(credentials.userName());
        HelpdeskResource resource = ownResource(credentials);
        ApiBudget budget = budget(credentials);
        return new ConnectionTestResult(zones.resolve(credentials.userName()).toHelpdeskZone(), resource, budget,
                clock.instant());
    }

    private HelpdeskResource ownResource(HelpdeskCredentials credentials) {
        // The resource's userName column holds at most 32 characters; longer keys are found by the e-mail column.
        ObjectNode query = (ObjectNode) api.emptyObject();
        ObjectNode either = query.putArray("filter").addObject().put("op", "or");
        var alternatives = either.putArray("items");
        alternatives.addObject().put("op", "eq").put("field", "userName").put("value", credentials.userName());
        alternatives.addObject().put("op", "eq").put("field", "email").put("value", credentials.userName());
        JsonNode items = api.post(credentials, "Resources/query", query).path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw HelpdeskException.answered(Kind.PERMISSION_MISSING,
                    "Autotask accepted the credentials but returned no Resources record for this API user, so Horizon "
                            + "cannot read resources with it.", 200, null, AutotaskErrorClassifier.SECURITY_LEVEL_STEPS);
        }
        JsonNode item = items.get(0);
        String name = (item.path("firstName").asString("") + " " + item.path("lastName").asString("")).strip();
        return new HelpdeskResource(item.path("id").asLong(), name.isEmpty() ? item.path("userName").asString("") : name);
    }

    private ApiBudget budget(HelpdeskCredentials credentials) {
        JsonNode threshold = api.get(credentials, "ThresholdInformation");
        return new ApiBudget(
                threshold.path("currentTimeframeRequestCount").asInt(0),
                threshold.path("externalRequestThreshold").asInt(0),
                threshold.path("requestThresholdTimeframe").asInt(60),
                clock.instant());
    }
}
