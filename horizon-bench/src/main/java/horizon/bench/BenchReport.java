package horizon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a bench result as JSON (for tools) and Markdown (for docs/BENCHMARKS.md). */
final class BenchReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchReport() {
    }

    /** Writes one run's figures; {@code run} numbers the files of a series (0: a single run). */
    static void write(Path folder, BackfillBench.Result result, int run) throws IOException {
        Files.createDirectories(folder);
        String name = baseName(result.plan()) + (run > 0 ? "-run" + run : "");
        ObjectNode json = JSON.createObjectNode();
        json.put("bench", "backfill");
        json.put("at", Instant.now().toString());
        json.put("psa", result.plan().psa().name());
        json.put("store", result.plan().store().name());
        json.put("tickets", result.plan().tickets());
        json.put("latencyMillis", result.plan().latencyMillis());
        json.put("state", result.state());
        json.put("error", result.error());
        json.put("records", result.records());
        json.set("fetchedByEntity", JSON.valueToTree(result.fetchedByEntity()));
        json.put("runSeconds", result.runDuration().toMillis() / 1000.0);
        json.put("recordsPerSecond", Math.round(result.recordsPerSecond()));
        json.put("apiRequests", result.apiRequests());
        json.put("simulatorRequests", result.simulatorRequests());
        json.put("requestsPerTicket", result.requestsPerTicket());
        json.put("floorInFlight", result.floorInFlight());
        json.put("floorSeconds", result.floorSeconds());
        json.put("ratioToFloor", result.ratioToFloor());
        json.put("peakInFlight", result.peakConcurrent());
        json.put("peakInFlightScope", result.peakScope());
        json.put("mirrorMatchesSimulator", result.mirrorMatches());
        json.set("mirrorCounts", JSON.valueToTree(result.mirrorCounts()));
        json.set("simulatorCounts", JSON.valueToTree(result.simulatorCounts()));
        json.put("simulatorGenerationSeconds", result.generatedIn().toMillis() / 1000.0);
        json.put("loadAverageBefore", result.loadAverageBefore());
        json.set("postgresStatements", JSON.valueToTree(result.statements()));
        json.put("pacingNote", result.pacingNote());
        json.put("simulatorHttpNoDelay", Boolean.getBoolean("sun.net.httpserver.nodelay"));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        Files.writeString(folder.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(folder.resolve(name + ".md"), markdown(result));
    }

    private static String baseName(BackfillBench.Plan plan) {
        return "backfill-" + plan.psa().name().toLowerCase(Locale.ROOT) + "-" + plan.store().name().toLowerCase(Locale.ROOT) + "-" + plan.tickets() + "-latency"
                + plan.latencyMillis();
    }

    /** The median run of a series and the spread of all of them, written next to the runs' own files. */
    static String writeSummary(Path folder, List<BackfillBench.Result> results) throws IOException {
        List<BackfillBench.Result> byRate = results.stream()
                .sorted(Comparator.comparingDouble(BackfillBench.Result::recordsPerSecond)).toList();
        BackfillBench.Result median = byRate.get(byRate.size() / 2);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Median of %d runs: %,.0f records/s in %.1f s", results.size(),
                median.recordsPerSecond(), median.runDuration().toMillis() / 1000.0));
        if (median.ratioToFloor() > 0) {
            md.append(String.format(Locale.ROOT, ", %.2f× the floor", median.ratioToFloor()));
        }
        md.append(String.format(Locale.ROOT, " (runs: %s records/s; all succeeded with mirror = simulator: %s)%n",
                results.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.recordsPerSecond()))
                        .collect(Collectors.joining(", ")),
                results.stream().allMatch(BackfillBench.Result::succeeded) ? "yes" : "NO"));
        Files.writeString(folder.resolve(baseName(median.plan()) + "-summary.md"), md.toString());
        return md.toString();
    }

    static String markdown(BackfillBench.Result r) {
        StringBuilder md = new StringBuilder();
        md.append("| PSA | store | tickets | latency/request | state | records | run | records/s | requests | requests/ticket | floor (÷ in flight) | run ÷ floor | peak in flight | mirror = simulator |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d ms | %s | %,d | %.1f s | %,.0f | %,d | %.2f | %s | %s | %d %s | %s |%n",
                r.plan().psa(), r.plan().store(), r.plan().tickets(), r.plan().latencyMillis(), r.state(), r.records(),
                r.runDuration().toMillis() / 1000.0, r.recordsPerSecond(), r.simulatorRequests(), r.requestsPerTicket(),
                r.floorSeconds() == 0 ? "– (÷ " + r.floorInFlight() + ")"
                        : String.format(Locale.ROOT, "%.1f s (÷ %d)", r.floorSeconds(), r.floorInFlight()),
                r.ratioToFloor() == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", r.ratioToFloor()),
                r.peakConcurrent(), r.peakScope(),
                r.mirrorMatches() ? "yes" : "NO " + r.mirrorCounts() + " vs " + r.simulatorCounts()));
        md.append("\nRecords read per entity: ").append(r.fetchedByEntity()).append('\n');
        md.append("\nMirror: ").append(r.mirrorCounts()).append("; simulator: ").append(r.simulatorCounts()).append('\n');
        md.append(String.format(Locale.ROOT, "%nLoad average when the run started: %.2f; simulator generated the MSP in %.1f s; "
                        + "simulator HTTP nodelay: %s%n",
                r.loadAverageBefore(), r.generatedIn().toMillis() / 1000.0, Boolean.getBoolean("sun.net.httpserver.nodelay")));
        if (!r.pacingNote().isEmpty()) {
            md.append('\n').append(r.pacingNote()).append('\n');
        }
        if (!r.statements().isEmpty()) {
            md.append("\nWhere PostgreSQL's time went (pg_stat_statements):\n\n");
            md.append("| statement | calls | rows | executing | planning |\n|---|---|---|---|---|\n");
            for (BackfillBench.StatementCost cost : r.statements()) {
                md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %,d ms | %,d ms |%n",
                        cost.statement().replace("|", "\\|"), cost.calls(), cost.rows(), cost.execMillis(),
                        cost.planMillis()));
            }
        }
        if (r.error() != null) {
            md.append("\nError: ").append(r.error()).append('\n');
        }
        return md.toString();
    }
}
