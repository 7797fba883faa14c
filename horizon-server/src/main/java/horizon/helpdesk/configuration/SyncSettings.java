package horizon.helpdesk.configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * What Horizon syncs from the connected PSA and how: the entities, how far back the first sync reaches, and how often
 * backup polling runs when webhooks are late.
 */
public record SyncSettings(boolean tickets, boolean companies, boolean contacts, boolean helpdeskUsers, boolean notes,
                           boolean timeEntries, int ingestWindowDays, int pollingIntervalSeconds) {

    public static final int MIN_INGEST_DAYS = 1;
    public static final int MAX_INGEST_DAYS = 3650;
    public static final int MIN_POLLING_SECONDS = 30;

    /** Everything on, 30 days of history, polling every 5 minutes. */
    public static SyncSettings defaults() {
        return new SyncSettings(true, true, true, true, true, true, 30, 300);
    }

    /** One problem per field, in the admin's words; empty when the settings can be saved. */
    public List<SettingsProblem> problems() {
        List<SettingsProblem> problems = new ArrayList<>();
        if (!(tickets || companies || contacts || helpdeskUsers || notes || timeEntries)) {
            problems.add(new SettingsProblem("entities", "Choose at least one kind of record to sync."));
        }
        if (ingestWindowDays < MIN_INGEST_DAYS || ingestWindowDays > MAX_INGEST_DAYS) {
            problems.add(new SettingsProblem("ingestWindowDays",
                    "The ingest window must be between 1 and 3650 days (ten years)."));
        }
        if (pollingIntervalSeconds < MIN_POLLING_SECONDS) {
            problems.add(new SettingsProblem("pollingIntervalSeconds",
                    "The backup-polling interval must be at least 30 seconds."));
        }
        return List.copyOf(problems);
    }

    /**
     * A field that cannot be saved as given.
     *
     * @param field   the form or JSON field name
     * @param message what to change, in the admin's words
     */
    public record SettingsProblem(String field, String message) {
    }
}
