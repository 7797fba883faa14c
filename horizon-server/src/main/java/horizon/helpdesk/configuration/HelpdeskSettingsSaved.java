package horizon.helpdesk.configuration;

/** Published after an account's sync settings were saved (which entities, how far back, how often). */
public record HelpdeskSettingsSaved(long accountId, SyncSettings settings) {
}
