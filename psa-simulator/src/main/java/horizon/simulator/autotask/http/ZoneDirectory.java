package horizon.simulator.autotask.http;

import java.util.Map;

/** Display names of Autotask's zones as zoneInformation reports them (community-maintained list). */
final class ZoneDirectory {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("webservices1", "Limited Release"), Map.entry("webservices2", "Pre Release"),
            Map.entry("webservices3", "America East"), Map.entry("webservices4", "UK"),
            Map.entry("webservices5", "America West"), Map.entry("webservices6", "Australia"),
            Map.entry("webservices11", "Pre-release (UK)"), Map.entry("webservices12", "Spanish"),
            Map.entry("webservices14", "America East 2"), Map.entry("webservices15", "America West 2"),
            Map.entry("webservices16", "UK2"), Map.entry("webservices17", "Limited Release (UK)"),
            Map.entry("webservices18", "German"), Map.entry("webservices19", "EU1"),
            Map.entry("webservices22", "America East 3"), Map.entry("webservices24", "America West 3"),
            Map.entry("webservices25", "America West 4"), Map.entry("webservices26", "Australia 2"),
            Map.entry("webservices28", "UK3"), Map.entry("webservices29", "Australia / New Zealand"));

    private ZoneDirectory() {
    }

    static String displayName(String host) {
        return NAMES.getOrDefault(host, host);
    }
}
