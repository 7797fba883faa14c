package horizon.helpdesk.autotask;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.CredentialField;
import horizon.helpdesk.HelpdeskResource;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Connecting an Autotask database: the three values of an API user, and the test that proves them. */
@Component
class AutotaskConnector implements HelpdeskConnector {

    static final List<CredentialField> FIELDS = List.of(
            CredentialField.text(AutotaskApi.USER_NAME, "API Username",
                    "The API user's generated key: Username (Key) under its Credentials in Autotask. Your Autotask "
                            + "zone is discovered from it; you never type it.").asIdentity(),
            CredentialField.secret(AutotaskApi.SECRET, "API Secret",
                    "The API user's secret, from the same Credentials section (generate a new one if it is lost)."),
            CredentialField.secret(AutotaskApi.INTEGRATION_CODE, "API Integration Code",
                    "The tracking identifier issued for Horizon, exactly as you received it."));

    private final AutotaskApi api;
    private final Clock clock;

    AutotaskConnector(AutotaskApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public List<CredentialField> credentialFields() {
        return FIELDS;
    }

    /**
     * Fields complete, then a fresh zone discovery (proves the user exists), then the API user's own resource (proves
     * secret, integration code and read permission), then the request budget.
     */
    @Override
    public ConnectionTestResult testConnection(HelpdeskCredentials credentials) {
        List<CredentialField.Problem> problems = check(credentials);
        if (!problems.isEmpty()) {
            throw HelpdeskException.invalidFields(problems);
        }
        AutotaskZone zone = api.rediscoverZone(credentials);
        HelpdeskResource resource = ownResource(credentials);
        ApiBudget budget = api.budget(credentials);
        return new ConnectionTestResult(zone.toHelpdeskZone(), resource, budget, clock.instant(), zone.database());
    }

    /** The API user's own Resources rows (one, or none when its security level hides resources). */
    static JsonNode ownResourceItems(AutotaskApi api, HelpdeskCredentials credentials) {
        // The resource's userName column holds at most 32 characters; longer keys are found by the e-mail column.
        String userName = credentials.value(AutotaskApi.USER_NAME);
        ObjectNode query = (ObjectNode) api.emptyObject();
        ObjectNode either = query.putArray("filter").addObject().put("op", "or");
        var alternatives = either.putArray("items");
        alternatives.addObject().put("op", "eq").put("field", "userName").put("value", userName);
        alternatives.addObject().put("op", "eq").put("field", "email").put("value", userName);
        return api.query(credentials, "Resources/query", query).path("items");
    }

    private HelpdeskResource ownResource(HelpdeskCredentials credentials) {
        JsonNode items = ownResourceItems(api, credentials);
        if (!items.isArray() || items.isEmpty()) {
            throw HelpdeskException.answered(Kind.PERMISSION,
                    "Autotask accepted the credentials but returned no Resources record for this API user, so Horizon "
                            + "cannot read resources with it.", 200, null, AutotaskErrorClassifier.SECURITY_LEVEL_STEPS);
        }
        JsonNode item = items.get(0);
        String name = (item.path("firstName").asString("") + " " + item.path("lastName").asString("")).strip();
        return new HelpdeskResource(item.path("id").asLong(), name.isEmpty() ? item.path("userName").asString("") : name);
    }
}
