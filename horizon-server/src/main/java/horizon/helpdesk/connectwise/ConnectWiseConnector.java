package horizon.helpdesk.connectwise;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.CredentialField;
import horizon.helpdesk.HelpdeskConnector;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Connecting a ConnectWise company: its site, company id and an API member's key pair, and the test that proves them
 * step by step (site reached, company known, keys and clientId accepted, every module Horizon reads allowed).
 */
@Component
class ConnectWiseConnector implements HelpdeskConnector {

    private static final String KEYS_WHERE = "In ConnectWise: System › Members › API Members › the member › API Keys.";

    static final List<CredentialField> FIELDS = List.of(
            CredentialField.text(ConnectWiseApi.SITE, "Site",
                    "Where your company's ConnectWise runs: the cloud region in the address you log in at (na, eu "
                            + "or au.myconnectwise.net), or On-premise for your own server.")
                    .withChoices(ConnectWiseSite.CHOICES),
            new CredentialField(ConnectWiseApi.HOST, "On-premise host",
                    "Only for On-premise: the host name of your ConnectWise server as you reach it in a browser, "
                            + "e.g. cw.example.com (https).", false, false, List.of(), false),
            CredentialField.text(ConnectWiseApi.COMPANY_ID, "Company ID",
                    "The company id you type on ConnectWise's login page (also under System › My Company)."),
            CredentialField.text(ConnectWiseApi.PUBLIC_KEY, "Public key",
                    "The public half of the API member's key pair. " + KEYS_WHERE).asIdentity(),
            CredentialField.secret(ConnectWiseApi.PRIVATE_KEY, "Private key",
                    "The private half of the same key pair; ConnectWise shows it only when the key is created. "
                            + KEYS_WHERE));

    private static final Logger log = LoggerFactory.getLogger(ConnectWiseConnector.class);

    /**
     * One read of a single id per module Horizon reads: service tickets, companies, contacts, time entries, and the
     * boards (Table Setup) its picklists come from.
     */
    private static final List<String> MODULE_READS = List.of("service/tickets", "company/companies",
            "company/contacts", "time/entries", "service/boards");

    private final ConnectWiseApi api;
    private final ConnectWiseProperties properties;
    private final Clock clock;

    ConnectWiseConnector(ConnectWiseApi api, ConnectWiseProperties properties, Clock clock) {
        this.api = api;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public List<CredentialField> credentialFields() {
        return FIELDS;
    }

    /** Blank fields, then the site: an on-premise host must be given and be a bare host or an https address. */
    @Override
    public List<CredentialField.Problem> check(HelpdeskCredentials credentials) {
        List<CredentialField.Problem> problems = new ArrayList<>(credentials.blankRequired(FIELDS));
        boolean siteBlank = problems.stream().anyMatch(p -> p.field().equals(ConnectWiseApi.SITE));
        if (!siteBlank) {
            problems.addAll(ConnectWiseSite.problems(credentials, properties.allowInsecureLoopback()));
        }
        return List.copyOf(problems);
    }

    /**
     * Fields complete; the site answers company info for the company id ("Site unreachable", "Company unknown"); the
     * API member's own record reads with the keys and clientId ("Keys rejected", "clientId rejected"); and one cheap
     * read of each module Horizon reads is allowed ("Security role lacks …", naming every one missing).
     */
    @Override
    public ConnectionTestResult testConnection(HelpdeskCredentials credentials) {
        List<CredentialField.Problem> problems = check(credentials);
        if (!problems.isEmpty()) {
            throw HelpdeskException.invalidFields(problems);
        }
        ConnectWiseCodebase codebase = api.discover(credentials);
        List<HelpdeskException> refused = new ArrayList<>();
        HelpdeskResource member = null;
        try {
            member = apiMember(credentials);
        } catch (HelpdeskException failure) {
            refused.add(permissionOnly(failure));
        }
        for (String path : MODULE_READS) {
            try {
                api.forwardPage(credentials, path, ConnectWiseConditions.where(), "id", 0, 1);
            } catch (HelpdeskException failure) {
                refused.add(permissionOnly(failure));
            }
        }
        if (!refused.isEmpty()) {
            throw lacking(refused);
        }
        String company = credentials.value(ConnectWiseApi.COMPANY_ID).strip();
        String host = codebase.site().base().getAuthority();
        return new ConnectionTestResult(codebase.toHelpdeskZone(), member, null, clock.instant(),
                new horizon.helpdesk.HelpdeskDatabase("connectwise:" + host + "/" + company,
                        "ConnectWise company " + company + " at " + host));
    }

    /**
     * The API member whose keys these are. ConnectWise has no "who am I": Horizon reads the members with the API
     * license class and takes the first; keys of an ordinary member find none and are named by their public key.
     */
    private HelpdeskResource apiMember(HelpdeskCredentials credentials) {
        List<JsonNode> members = api.forwardPage(credentials, "system/members",
                ConnectWiseConditions.where().equalsText("licenseClass", "A"), "id,identifier,firstName,lastName", 0, 2);
        if (members.isEmpty()) {
            String key = credentials.value(ConnectWiseApi.PUBLIC_KEY);
            return new HelpdeskResource(0, "API keys " + key.substring(0, Math.min(4, key.length())) + "…");
        }
        if (members.size() > 1) {
            log.info("connectwise connection test found several API members; naming the first, id={}",
                    members.get(0).path("id").asLong());
        }
        JsonNode first = members.get(0);
        String name = (first.path("firstName").asString("") + " " + first.path("lastName").asString("")).strip();
        return new HelpdeskResource(first.path("id").asLong(),
                name.isEmpty() ? first.path("identifier").asString("") : name);
    }

    /** A missing permission is collected so the test names all of them; anything else ends the test. */
    private static HelpdeskException permissionOnly(HelpdeskException failure) {
        if (failure.kind() != Kind.PERMISSION) {
            throw failure;
        }
        return failure;
    }

    private static HelpdeskException lacking(List<HelpdeskException> refused) {
        List<HelpdeskException> distinct = refused.stream()
                .collect(Collectors.toMap(HelpdeskException::title, e -> e, (a, b) -> a, LinkedHashMap::new))
                .values().stream().toList();
        if (distinct.size() == 1) {
            return distinct.get(0);
        }
        String missing = distinct.stream().map(e -> e.title().replaceFirst("^Security role lacks ", ""))
                .collect(Collectors.joining(", "));
        String said = distinct.stream().map(e -> e.psaMessage().orElse("")).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        return HelpdeskException.answered(Kind.PERMISSION, "The API member signed in, but its security role does not "
                + "allow several reads Horizon needs: " + missing + "." + (said.isEmpty() ? ""
                : " ConnectWise said: \"" + said + "\""), 403, said.isEmpty() ? null : said,
                ConnectWiseErrorClassifier.SECURITY_ROLE_STEPS).titled("Security role lacks " + missing);
    }
}
