package horizon.simulator.connectwise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled {@code like} pattern. ConnectWise hands the pattern to SQL Server's LIKE after turning {@code *} into
 * {@code %}, so {@code %} and {@code *} match any run of characters, {@code _} one character, and {@code [a-c]} /
 * {@code [^a]} a character class (its guide's escape for a literal bracket, {@code [[]}, is such a class); case is
 * ignored. Patterns made only of text and runs are matched piece by piece; the rest go through a regex compiled once.
 *
 * @param pieces the text between runs, when the pattern has no {@code _} or class; a single piece means no run
 * @param regex  the pattern as a regex otherwise
 */
record LikePattern(String[] pieces, Pattern regex) {
    static LikePattern compile(String pattern) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        boolean simple = true;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
            if (c == '*' || c == '%') {
                pieces.add(piece.toString());
                piece.setLength(0);
                regex.append(".*");
            } else if (c == '_') {
                simple = false;
                regex.append('.');
            } else if (close > 0) {
                simple = false;
                regex.append(characterClass(pattern.substring(i + 1, close)));
                i = close;
            } else {
                piece.append(c);
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        pieces.add(piece.toString());
        return simple ? new LikePattern(pieces.toArray(String[]::new), null)
                : new LikePattern(null, Pattern.compile(regex.toString(),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** A SQL Server class body ({@code a-c}, {@code ^x}) as a regex class, every other character taken literally. */
    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int start = 0;
        if (body.startsWith("^") && body.length() > 1) {
            out.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean range = c == '-' && i > start && i < body.length() - 1;
            out.append(range || Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return out.append(']').toString();
    }

    boolean matches(String text) {
        if (regex != null) {
            return regex.matcher(text).matches();
        }
        String first = pieces[0];
        if (pieces.length == 1) {
            return text.equalsIgnoreCase(first);
        }
        String last = pieces[pieces.length - 1];
        int end = text.length() - last.length();
        if (end < first.length() || !text.regionMatches(true, 0, first, 0, first.length())
                || !text.regionMatches(true, end, last, 0, last.length())) {
            return false;
        }
        // leftmost placement of each middle piece is enough for runs-only patterns
        int from = first.length();
        for (int p = 1; p < pieces.length - 1; p++) {
            from = indexOfIgnoreCase(text, pieces[p], from, end);
            if (from < 0) {
                return false;
            }
            from += pieces[p].length();
        }
        return true;
    }

    /** Where {@code needle} first occurs in {@code text} at or after {@code from}, ending by {@code end}; -1 if not. */
    static int indexOfIgnoreCase(String text, String needle, int from, int end) {
        for (int i = from, last = end - needle.length(); i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
