package horizon.simulator.connectwise.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code like} pattern. ConnectWise hands the pattern to SQL Server's LIKE after turning {@code *} into
 * {@code %}, so {@code %} and {@code *} match any run of characters, {@code _} one character, and {@code [a-c]} /
 * {@code [^a]} one character of a class (its guide's escape for a literal bracket, {@code [[]}, is such a class);
 * case is ignored. Matching walks the compiled elements, without a regex.
 */
record LikePattern(List<Element> elements) {

    /** One position of a pattern: a run, or one character that is any, a literal or in {@code ranges} (pairs). */
    record Element(boolean run, boolean any, char literal, char[] ranges, boolean negated) {
        boolean matches(char c) {
            if (any) {
                return true;
            }
            if (ranges == null) {
                return c == literal || Character.toUpperCase(c) == Character.toUpperCase(literal)
                        || Character.toLowerCase(c) == Character.toLowerCase(literal);
            }
            boolean in = inRanges(c) || inRanges(Character.toUpperCase(c)) || inRanges(Character.toLowerCase(c));
            return in != negated;
        }

        private boolean inRanges(char c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (c >= ranges[i] && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Element RUN = new Element(true, false, '\0', null, false);
    private static final Element ANY = new Element(false, true, '\0', null, false);

    static LikePattern compile(String pattern) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            // a class needs a closing bracket after at least one character, so "[]]" is the class of "]"
            int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
            if (c == '*' || c == '%') {
                if (elements.isEmpty() || !elements.get(elements.size() - 1).run()) {
                    elements.add(RUN);
                }
            } else if (c == '_') {
                elements.add(ANY);
            } else if (close > 0) {
                elements.add(characterClass(pattern.substring(i + 1, close)));
                i = close;
            } else {
                elements.add(new Element(false, false, c, null, false));
            }
        }
        return new LikePattern(List.copyOf(elements));
    }

    private static Element characterClass(String body) {
        boolean negated = body.length() > 1 && body.charAt(0) == '^';
        StringBuilder ranges = new StringBuilder();
        for (int i = negated ? 1 : 0; i < body.length(); i++) {
            char from = body.charAt(i);
            boolean range = i + 2 < body.length() && body.charAt(i + 1) == '-';
            char to = range ? body.charAt(i + 2) : from;
            ranges.append(from).append(to);
            i += range ? 2 : 0;
        }
        return new Element(false, false, '\0', ranges.toString().toCharArray(), negated);
    }

    /**
     * The classic wildcard walk: on a mismatch after a run, retry with the run swallowing one more character. Only
     * the last run needs retrying, so this is linear for the usual patterns and never exponential.
     */
    boolean matches(String text) {
        int t = 0;
        int p = 0;
        int lastRun = -1;
        int resumeAt = 0;
        int n = elements.size();
        while (t < text.length()) {
            if (p < n && elements.get(p).run()) {
                lastRun = p++;
                resumeAt = t;
            } else if (p < n && elements.get(p).matches(text.charAt(t))) {
                p++;
                t++;
            } else if (lastRun >= 0) {
                p = lastRun + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < n && elements.get(p).run()) {
            p++;
        }
        return p == n;
    }
}
