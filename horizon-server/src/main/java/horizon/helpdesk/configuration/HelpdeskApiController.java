package horizon.helpdesk.configuration;

import horizon.account.CurrentUser;
import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.CredentialField;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST view of the helpdesk connection (never its credentials) and of the sync settings. */
@RestController
@RequestMapping("/api/v1/helpdesk")
class HelpdeskApiController {

    private final HelpdeskConnections connections;
    private final CurrentUser currentUser;

    HelpdeskApiController(HelpdeskConnections connections, CurrentUser currentUser) {
        this.connections = connections;
        this.currentUser = currentUser;
    }

    /**
     * The connection as the API shows it.
     *
     * @param connected     whether the account has a stored connection
     * @param kind          the PSA, null when not connected
     * @param state         CONNECTED; TEST_FAILED (the last test failed, work goes on); FAILING (stopped on a
     *                      permanent failure, see {@code failing}); NOT_CONNECTED without a connection
     * @param failing       why it stopped ("Connection failing: what the PSA said. What to do."), null unless FAILING
     * @param zone          the discovered zone
     * @param resource      the API user's resource
     * @param lastTestAt    when the connection was last tested
     * @param lastTestError why that test failed, null after a success
     * @param lastSuccessAt when a test last succeeded
     * @param budget        the last request budget reading
     * @param syncSettings  the sync settings in force
     */
    record ConnectionJson(boolean connected, String kind, String state, String failing, HelpdeskZone zone,
                          HelpdeskResource resource,
                          Instant lastTestAt, String lastTestError, Instant lastSuccessAt, ApiBudget budget,
                          SyncSettings syncSettings) {
    }

    /** The PUT body; every field is required, as PUT replaces the settings. */
    record SyncSettingsJson(Boolean tickets, Boolean companies, Boolean contacts, Boolean helpdeskUsers, Boolean notes,
                            Boolean timeEntries, Integer ingestWindowDays, Integer pollingIntervalSeconds) {
    }

    /** A 400 answer: one entry per field that cannot be saved. */
    record ProblemsJson(String error, List<SyncSettings.SettingsProblem> errors) {
    }

    @GetMapping("/connection")
    ConnectionJson connection() {
        long accountId = currentUser.accountId();
        SyncSettings settings = connections.settings(accountId);
        return connections.view(accountId)
                .map(c -> new ConnectionJson(true, c.kind().name(), c.state().name(),
                        c.failure() == null ? null : c.failure().summary(), c.zone(), c.resource(),
                        c.lastTestAt(), c.lastTestMessage(), c.lastSuccessAt(), c.budget(), settings))
                .orElse(new ConnectionJson(false, null, "NOT_CONNECTED", null, null, null, null, null, null, null,
                        settings));
    }

    /**
     * A PSA Horizon knows, with the credential fields its connector asks for.
     *
     * @param kind        the PSA's name in the API, e.g. CONNECTWISE_MANAGE
     * @param displayName what people call it
     * @param available   whether this build can connect it
     * @param fields      what to send in {@code credentials}, in form order
     */
    record KindJson(String kind, String displayName, boolean available, List<CredentialField> fields) {
    }

    /**
     * The body of a test or a save: the PSA and its credential fields by name.
     *
     * @param confirmDatabase on a save that moves the account to another PSA database: the {@code confirm} value the
     *                        409 {@code database_changed} answer gave, to start a fresh mirror
     */
    record ConnectJson(String kind, Map<String, String> credentials, String confirmDatabase) {
    }

    /**
     * A 409: the credentials work but reach another PSA database; nothing was saved.
     *
     * @param error    always {@code database_changed}
     * @param message  what saving them does
     * @param previous the stored connection's database
     * @param next     the new credentials' database
     * @param confirm  what to send as {@code confirmDatabase} to save them and start a fresh mirror
     */
    record DatabaseChangeJson(String error, String message, String previous, String next, String confirm) {
    }

    /**
     * A connection test that failed: which step, in the PSA's own words where it gave any, and how to fix it.
     *
     * @param error         always {@code connection_failed}
     * @param kind          the neutral failure kind, e.g. AUTHENTICATION
     * @param title         the precise heading, e.g. "Keys rejected"
     * @param message       what went wrong, for a person
     * @param psaMessage    the PSA's own words, null when it gave none
     * @param httpStatus    the PSA's HTTP status, 0 without an answer
     * @param retriable     whether trying again later can help
     * @param steps         what to do in the PSA to fix it
     * @param fieldProblems fields blank or malformed (no call was made)
     */
    record FailureJson(String error, String kind, String title, String message, String psaMessage, int httpStatus,
                       boolean retriable, List<String> steps, List<CredentialField.Problem> fieldProblems) {
        static FailureJson of(HelpdeskException failure) {
            return new FailureJson("connection_failed", failure.kind().name(), failure.title(), failure.getMessage(),
                    failure.psaMessage().orElse(null), failure.httpStatus(), failure.retriable(), failure.steps(),
                    failure.fieldProblems());
        }
    }

    /** What a successful test found. */
    record TestedJson(boolean ok, HelpdeskZone zone, HelpdeskResource resource, ApiBudget budget, Instant testedAt) {
    }

    @GetMapping("/kinds")
    List<KindJson> kinds() {
        return Arrays.stream(HelpdeskKind.values()).map(k -> new KindJson(k.name(), k.displayName(),
                connections.available(k), connections.credentialFields(k))).toList();
    }

    /** Tests credentials without saving anything: 200 when they work, 422 saying exactly why not. */
    @PostMapping("/connection/test")
    ResponseEntity<?> testConnection(@RequestBody ConnectJson body) {
        if (!currentUser.get().isAdmin()) {
            return forbidden("Only an admin can test helpdesk credentials");
        }
        Optional<HelpdeskKind> kind = availableKind(body);
        if (kind.isEmpty()) {
            return unknownKind(body);
        }
        ConnectionTestOutcome outcome = connections.test(kind.get(), credentials(body));
        if (!outcome.ok()) {
            return ResponseEntity.unprocessableEntity().body(FailureJson.of(outcome.failure()));
        }
        var result = outcome.result();
        return ResponseEntity.ok(new TestedJson(true, result.zone(), result.resource(), result.budget(),
                result.testedAt()));
    }

    /**
     * Connects the account, or replaces its credentials (the PSA may change too): the credentials are tested first and
     * saved only when the test succeeds; the stored connection stays as it was otherwise (422). Credentials of another
     * PSA database are saved only with {@code confirmDatabase} (409 {@code database_changed} until then).
     */
    @PutMapping("/connection")
    ResponseEntity<?> putConnection(@RequestBody ConnectJson body) {
        var user = currentUser.get();
        if (!user.isAdmin()) {
            return forbidden("Only an admin can connect the helpdesk");
        }
        Optional<HelpdeskKind> kind = availableKind(body);
        if (kind.isEmpty()) {
            return unknownKind(body);
        }
        ConnectionTestOutcome outcome = connections.replaceCredentials(user.accountId(), kind.get(), credentials(body),
                body.confirmDatabase());
        if (outcome.needsConfirmation()) {
            DatabaseChange change = outcome.change();
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new DatabaseChangeJson("database_changed",
                    change.question(), change.previousName(), change.nextName(), change.confirmation()));
        }
        if (!outcome.ok()) {
            return ResponseEntity.unprocessableEntity().body(FailureJson.of(outcome.failure()));
        }
        return ResponseEntity.ok(connection());
    }

    private Optional<HelpdeskKind> availableKind(ConnectJson body) {
        return Arrays.stream(HelpdeskKind.values())
                .filter(k -> body != null && k.name().equals(body.kind()) && connections.available(k)).findFirst();
    }

    private static HelpdeskCredentials credentials(ConnectJson body) {
        return HelpdeskCredentials.of(body.credentials() == null ? Map.of() : body.credentials());
    }

    private ResponseEntity<?> unknownKind(ConnectJson body) {
        String asked = body == null ? null : body.kind();
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", "kind must be one of "
                + Arrays.stream(HelpdeskKind.values()).filter(connections::available).map(Enum::name).toList()
                + (asked == null ? "" : "; got " + asked)));
    }

    private static ResponseEntity<?> forbidden(String message) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "forbidden", "message", message));
    }

    @PutMapping("/sync-settings")
    ResponseEntity<?> putSyncSettings(@RequestBody SyncSettingsJson body) {
        var user = currentUser.get();
        if (!user.isAdmin()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Map.of("error", "forbidden", "message", "Only an admin can change sync settings"));
        }
        List<SyncSettings.SettingsProblem> missing = missingFields(body);
        if (!missing.isEmpty()) {
            return ResponseEntity.badRequest().body(new ProblemsJson("invalid", missing));
        }
        SyncSettings settings = new SyncSettings(body.tickets(), body.companies(), body.contacts(), body.helpdeskUsers(),
                body.notes(), body.timeEntries(), body.ingestWindowDays(), body.pollingIntervalSeconds());
        List<SyncSettings.SettingsProblem> problems = connections.saveSettings(user.accountId(), settings);
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest().body(new ProblemsJson("invalid", problems));
        }
        return ResponseEntity.ok(settings);
    }

    /** A body that is not JSON, or a number field holding text: answered in the same shape as other problems. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemsJson> unreadable(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof tools.jackson.databind.DatabindException databind
                && !databind.getPath().isEmpty() && databind.getPath().get(0).getPropertyName() != null
                ? databind.getPath().get(0).getPropertyName() : "body";
        return ResponseEntity.badRequest().body(new ProblemsJson("invalid", List.of(new SyncSettings.SettingsProblem(
                field, "body".equals(field) ? "The body must be a JSON object of sync settings."
                        : field + " has the wrong type"))));
    }

    private static List<SyncSettings.SettingsProblem> missingFields(SyncSettingsJson body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tickets", body.tickets());
        fields.put("companies", body.companies());
        fields.put("contacts", body.contacts());
        fields.put("helpdeskUsers", body.helpdeskUsers());
        fields.put("notes", body.notes());
        fields.put("timeEntries", body.timeEntries());
        fields.put("ingestWindowDays", body.ingestWindowDays());
        fields.put("pollingIntervalSeconds", body.pollingIntervalSeconds());
        return fields.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(e -> new SyncSettings.SettingsProblem(e.getKey(), e.getKey() + " is required"))
                .toList();
    }
}
