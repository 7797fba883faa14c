package horizon.simulator.core.fault;

import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fault aimed at one route and a range of its attempts: "the 2nd POST to service/tickets/{@literal *}/notes commits
 * and then answers 503".
 *
 * @param method      HTTP method, or {@code *} for any
 * @param route       path after the API root, segments matched ignoring case; {@code *} matches one segment and a
 *                    trailing {@code **} the rest (e.g. {@code Tickets/query**}, {@code service/tickets/*})
 * @param fromAttempt first attempt (1-based) the rule fires on
 * @param toAttempt   last attempt it fires on; 0 = no end
 * @param kind        what goes wrong
 * @param status      the status of {@link Kind#ERROR_BEFORE} and {@link Kind#COMMIT_THEN_ERROR} (500, 502, 503)
 * @param stall       how long {@link Kind#COMMIT_THEN_STALL} and {@link Kind#STALL_MID_BODY} hold the connection
 *                    before dropping it
 * @param rate        probability of firing on a covered attempt, drawn from the simulator's seeded random
 */
public record FaultRule(String method, String route, int fromAttempt, int toAttempt, Kind kind, int status,
                        Duration stall, double rate) {

    /** What goes wrong. */
    public enum Kind {
        /** A 5xx before the handler runs: nothing is read or written. */
        ERROR_BEFORE,
        /** The handler runs (a write commits), then the response is replaced by a 5xx. */
        COMMIT_THEN_ERROR,
        /** The handler runs, then no response comes for {@code stall}, then the connection drops. */
        COMMIT_THEN_STALL,
        /** The handler runs, then the connection drops without a response. */
        COMMIT_THEN_DROP,
        /** The handler runs; headers and half the body are sent, then it stalls for {@code stall} and drops. */
        STALL_MID_BODY,
        /**
         * A 200 with the empty JSON object {@code {}} before the handler runs: a PSA, gateway or proxy that answers
         * success with nothing in it (no {@code items}, no list). Nothing is read or written.
         */
        EMPTY_SUCCESS,
        /**
         * The handler runs and answers; in the first record of the answer's list every date-time is replaced by text
         * no parser reads: a record the PSA's data or a proxy corrupted, among healthy ones.
         */
        CORRUPT_FIRST_RECORD;

        public boolean runsHandler() {
            return this != ERROR_BEFORE && this != EMPTY_SUCCESS;
        }
    }

    public static final Duration DEFAULT_STALL = Duration.ofSeconds(60);

    public FaultRule {
        method = method == null || method.isBlank() ? "*" : method.toUpperCase(Locale.ROOT);
        route = route == null || route.isBlank() ? "**" : stripSlashes(route);
        if (fromAttempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1, was " + fromAttempt);
        }
        if (toAttempt != 0 && toAttempt < fromAttempt) {
            throw new IllegalArgumentException("the last attempt " + toAttempt + " is before the first " + fromAttempt);
        }
        if (kind == null) {
            throw new IllegalArgumentException("a fault rule needs a kind: " + java.util.Arrays.toString(Kind.values()));
        }
        if ((kind == Kind.ERROR_BEFORE || kind == Kind.COMMIT_THEN_ERROR) && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("the status of " + kind + " must be a 5xx, was " + status);
        }
        stall = stall == null ? DEFAULT_STALL : stall;
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in (0, 1], was " + rate);
        }
    }

    /** Fires on exactly one attempt of a route. */
    public static FaultRule on(String method, String route, int attempt, Kind kind, int status) {
        return new FaultRule(method, route, attempt, attempt, kind, status, null, 1.0);
    }

    /** Same rule with another stall. */
    public FaultRule withStall(Duration newStall) {
        return new FaultRule(method, route, fromAttempt, toAttempt, kind, status, newStall, rate);
    }

    boolean matches(String requestMethod, String requestRoute) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] pattern = route.split("/");
        String[] path = stripSlashes(requestRoute).split("/");
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("**")) {
                return true;
            }
            if (pattern[i].endsWith("**") && i == pattern.length - 1 && i < path.length) {
                return path[i].toLowerCase(Locale.ROOT).startsWith(pattern[i].substring(0, pattern[i].length() - 2)
                        .toLowerCase(Locale.ROOT));
            }
            if (i >= path.length || !(pattern[i].equals("*") || pattern[i].equalsIgnoreCase(path[i]))) {
                return false;
            }
        }
        return pattern.length == path.length;
    }

    boolean coversAttempt(int attempt) {
        return attempt >= fromAttempt && (toAttempt == 0 || attempt <= toAttempt);
    }

    /**
     * Reads a rule from the control API's JSON: {@code {"method","route","attempts":"2" | "2-4" | "3-","kind",
     * "status","stallMs","rate"}}.
     */
    public static FaultRule fromJson(JsonNode node) {
        String attempts = node.path("attempts").asString("1-");
        int from;
        int to;
        int dash = attempts.indexOf('-');
        try {
            if (dash < 0) {
                from = Integer.parseInt(attempts.trim());
                to = from;
            } else {
                from = Integer.parseInt(attempts.substring(0, dash).trim());
                String end = attempts.substring(dash + 1).trim();
                to = end.isEmpty() ? 0 : Integer.parseInt(end);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attempts is N, N-M or N-, was " + attempts);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(node.path("kind").asString("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of " + java.util.Arrays.toString(Kind.values()));
        }
        Duration stall = node.has("stallMs") ? Duration.ofMillis(node.get("stallMs").asLong()) : null;
        return new FaultRule(node.path("method").asString("*"), node.path("route").asString("**"), from, to, kind,
                node.path("status").asInt(500), stall, node.path("rate").asDouble(1.0));
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", method);
        node.put("route", route);
        node.put("attempts", fromAttempt + "-" + (toAttempt == 0 ? "" : String.valueOf(toAttempt)));
        node.put("kind", kind.name());
        node.put("status", status);
        node.put("stallMs", stall.toMillis());
        node.put("rate", rate);
        return node;
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
