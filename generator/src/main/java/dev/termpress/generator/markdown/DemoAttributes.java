package dev.termpress.generator.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code container} info string into {@code key=value} attributes.
 *
 * <p>Values may be bare ({@code workdir=/root}), double-quoted with {@code \"} and {@code \\}
 * escapes ({@code title="Hello world"}), or single-quoted verbatim. A key without {@code =} is a flag.
 */
public final class DemoAttributes {

    private DemoAttributes() {}

    /**
     * One attribute as written.
     *
     * @param key the attribute name
     * @param value its value, or {@code null} for a bare flag
     */
    public record Attribute(String key, String value) {}

    /** A malformed info string; the message says what is wrong and how to write it. */
    public static final class SyntaxException extends Exception {
        public SyntaxException(String message) {
            super(message);
        }
    }

    /** Parses the attributes after the word {@code container}. */
    public static List<Attribute> parse(String text) throws SyntaxException {
        List<Attribute> attributes = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return attributes;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (key.isEmpty()) {
                throw new SyntaxException("expected an attribute name at '" + rest(text, keyStart)
                        + "' (write key=value, quoting values with spaces: title=\"My demo\")");
            }
            if (i >= n || Character.isWhitespace(text.charAt(i))) {
                attributes.add(new Attribute(key, null));
                continue;
            }
            if (text.charAt(i) != '=') {
                throw new SyntaxException("unexpected '" + text.charAt(i) + "' in attribute name '"
                        + key + text.charAt(i) + "' (names use letters, digits, - and _)");
            }
            i++;
            StringBuilder value = new StringBuilder();
            i = readValue(text, i, key, value);
            attributes.add(new Attribute(key, value.toString()));
        }
    }

    private static int readValue(String text, int i, String key, StringBuilder value) throws SyntaxException {
        int n = text.length();
        if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            char quote = text.charAt(i++);
            while (i < n && text.charAt(i) != quote) {
                char c = text.charAt(i++);
                if (quote == '"' && c == '\\' && i < n) {
                    c = text.charAt(i++);
                }
                value.append(c);
            }
            if (i >= n) {
                throw new SyntaxException("unterminated " + quote + " in the value of '" + key
                        + "' (close the quote: " + key + "=" + quote + "..." + quote + ")");
            }
            i++;
            if (i < n && !Character.isWhitespace(text.charAt(i))) {
                throw new SyntaxException("text right after the closing quote of '" + key
                        + "' (separate attributes with spaces)");
            }
            return i;
        }
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
            char c = text.charAt(i++);
            if (c == '"' || c == '\'') {
                throw new SyntaxException("stray " + c + " in the value of '" + key
                        + "' (quote the whole value: " + key + "=\"...\")");
            }
            value.append(c);
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static String rest(String text, int from) {
        String rest = text.substring(from);
        return rest.length() > 20 ? rest.substring(0, 20) + "..." : rest;
    }
}
