package horizon.helpdesk.configuration;

import horizon.helpdesk.configuration.SyncSettings.SettingsProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync settings form as the browser posts it: unticked boxes arrive as null and numbers as text, so a typo becomes a
 * message next to its field instead of a binding error.
 */
public record SyncSettingsForm(Boolean tickets, Boolean companies, Boolean contacts, Boolean helpdeskUsers,
                               Boolean notes, Boolean timeEntries, String ingestWindowDays,
                               String pollingIntervalSeconds) {

    /**
     * The settings read from the form, and what is wrong with them.
     *
     * @param settings what was entered, when every number parsed; null otherwise
     * @param problems one message per field that cannot be saved
     */
    public record Reading(SyncSettings settings, List<SettingsProblem> problems) {

        /** Field name → message, for templates. */
        public Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.forEach(p -> errors.putIfAbsent(p.field(), p.message()));
            return errors;
        }
    }

    public static SyncSettingsForm of(SyncSettings s) {
        return new SyncSettingsForm(s.tickets(), s.companies(), s.contacts(), s.helpdeskUsers(), s.notes(),
                s.timeEntries(), Integer.toString(s.ingestWindowDays()), Integer.toString(s.pollingIntervalSeconds()));
    }

    public Reading read() {
        List<SettingsProblem> problems = new ArrayList<>();
        Integer days = wholeNumber(ingestWindowDays);
        if (days == null) {
            problems.add(new SettingsProblem("ingestWindowDays", "Enter the ingest window as a whole number of days."));
        }
        Integer seconds = wholeNumber(pollingIntervalSeconds);
        if (seconds == null) {
            problems.add(new SettingsProblem("pollingIntervalSeconds",
                    "Enter the backup-polling interval as a whole number of seconds."));
        }
        SyncSettings settings = new SyncSettings(on(tickets), on(companies), on(contacts), on(helpdeskUsers), on(notes),
                on(timeEntries), days == null ? SyncSettings.MIN_INGEST_DAYS : days,
                seconds == null ? SyncSettings.MIN_POLLING_SECONDS : seconds);
        problems.addAll(settings.problems());
        return new Reading(problems.isEmpty() ? settings : null, List.copyOf(problems));
    }

    private static boolean on(Boolean box) {
        return Boolean.TRUE.equals(box);
    }

    private static Integer wholeNumber(String text) {
        if (text == null || !text.strip().matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(text.strip());
    }
}
