package horizon.helpdesk.configuration;

import horizon.account.CurrentUser;
import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
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
     * @param state         CONNECTED or FAILING, NOT_CONNECTED without a connection
     * @param zone          the discovered zone
     * @param resource      the API user's resource
     * @param lastTestAt    when the connection was last tested
     * @param lastTestError why that test failed, null after a success
     * @param lastSuccessAt when a test last succeeded
     * @param budget        the last request budget reading
     * @param syncSettings  the sync settings in force
     */
    record ConnectionJson(boolean connected, String kind, String state, HelpdeskZone zone, HelpdeskResource resource,
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
                .map(c -> new ConnectionJson(true, c.kind().name(), c.state().name(), c.zone(), c.resource(),
                        c.lastTestAt(), c.lastTestMessage(), c.lastSuccessAt(), c.budget(), settings))
                .orElse(new ConnectionJson(false, null, "NOT_CONNECTED", null, null, null, null, null, null, settings));
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
