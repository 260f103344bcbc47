package dev.termpress.generator.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a command's actual output with the expected lines of a demo block.
 *
 * <p>The rule: both sides are split into lines; every line is whitespace-normalised (leading and
 * trailing blanks removed, every run of spaces and tabs inside it made one space); trailing empty
 * lines are ignored on both sides. Then the lines must match one to one, in order, except that in
 * an expected line {@code ...} matches any text (also none) within that line, and an expected line
 * that is exactly {@code ...} matches any number of whole lines (also none).
 */
public final class OutputMatcher {

    /** The wildcard. */
    public static final String ELLIPSIS = "...";

    private OutputMatcher() {}

    /** Whether {@code actual} satisfies {@code expected} under the rule above. */
    public static boolean matches(String expected, String actual) {
        List<String> want = normalisedLines(expected);
        List<String> got = normalisedLines(actual);
        return matchLines(want, 0, got, 0, new Boolean[want.size() + 1][got.size() + 1]);
    }

    /** The lines of {@code text} as the rule compares them. */
    public static List<String> normalisedLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        while (start <= unified.length()) {
            int end = unified.indexOf('\n', start);
            if (end < 0) {
                end = unified.length();
            }
            lines.add(normalise(unified.substring(start, end)));
            start = end + 1;
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static String normalise(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean blank = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                blank = true;
                continue;
            }
            if (blank && out.length() > 0) {
                out.append(' ');
            }
            blank = false;
            out.append(c);
        }
        return out.toString();
    }

    private static boolean matchLines(List<String> want, int w, List<String> got, int g, Boolean[][] memo) {
        if (memo[w][g] != null) {
            return memo[w][g];
        }
        boolean result;
        if (w == want.size()) {
            result = g == got.size();
        } else if (want.get(w).equals(ELLIPSIS)) {
            result = matchLines(want, w + 1, got, g, memo) || (g < got.size() && matchLines(want, w, got, g + 1, memo));
        } else {
            result = g < got.size() && lineMatches(want.get(w), got.get(g)) && matchLines(want, w + 1, got, g + 1, memo);
        }
        memo[w][g] = result;
        return result;
    }

    /** One normalised line against another, {@code ...} matching any text. */
    static boolean lineMatches(String want, String got) {
        if (!want.contains(ELLIPSIS)) {
            return want.equals(got);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = want.indexOf(ELLIPSIS, start)) >= 0) {
            parts.add(want.substring(start, at));
            start = at + ELLIPSIS.length();
        }
        parts.add(want.substring(start));
        String first = parts.get(0);
        String last = parts.get(parts.size() - 1);
        if (!got.startsWith(first)) {
            return false;
        }
        int position = first.length();
        for (int i = 1; i < parts.size() - 1; i++) {
            int found = got.indexOf(parts.get(i), position);
            if (found < 0) {
                return false;
            }
            position = found + parts.get(i).length();
        }
        return got.length() - position >= last.length() && got.endsWith(last);
    }
}
