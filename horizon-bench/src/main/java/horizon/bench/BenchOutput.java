package horizon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a callback bench's figures as JSON and Markdown under the output folder, as {@link BenchReport} does. */
final class BenchOutput {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchOutput() {
    }

    /** A JSON object with what every callback bench records about its run. */
    static ObjectNode header(String bench, BenchHorizon horizon) {
        ObjectNode json = JSON.createObjectNode();
        json.put("bench", bench);
        json.put("at", Instant.now().toString());
        json.put("psa", horizon.psa.kind().name());
        json.put("store", horizon.store.name());
        json.put("loadAverageBefore", horizon.loadAverageBefore);
        json.put("backfillSeconds", horizon.backfill.toMillis() / 1000.0);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("simulatorHttpNoDelay", Boolean.getBoolean("sun.net.httpserver.nodelay"));
        return json;
    }

    static String fileName(String bench, BenchHorizon horizon) {
        return bench + "-" + horizon.psa.kind().name().toLowerCase(Locale.ROOT) + "-"
                + horizon.store.name().toLowerCase(Locale.ROOT);
    }

    static void write(Path folder, String name, ObjectNode json, String markdown) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(folder.resolve(name + ".md"), markdown);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code a=1, b=2} of the entries that differ from zero. */
    static String nonZero(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** after − before, per key. */
    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new java.util.TreeMap<>();
        after.forEach((key, value) -> difference.put(key, value - before.getOrDefault(key, 0L)));
        return difference;
    }
}
