package dev.termpress.generator.check;

/** Turns raw console bytes (already decoded) into plain text: no carriage returns, no escape sequences. */
final class TerminalText {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;

    private TerminalText() {}

    /** Drops CSI ({@code ESC [ ... final}), OSC ({@code ESC ] ... BEL/ST}) and two-byte escapes, and {@code \r}. */
    static String plain(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == ESC && i + 1 < raw.length()) {
                i = skipEscape(raw, i + 1);
            } else if (c == '\r' || c == BEL) {
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipEscape(String raw, int i) {
        char kind = raw.charAt(i);
        if (kind == '[') { // CSI: parameters and intermediates, then a final byte 0x40..0x7e (ECMA-48 §5.4)
            int j = i + 1;
            while (j < raw.length() && (raw.charAt(j) < 0x40 || raw.charAt(j) > 0x7e)) {
                j++;
            }
            return Math.min(j + 1, raw.length());
        }
        if (kind == ']') { // OSC: up to BEL or ESC backslash
            int j = i + 1;
            while (j < raw.length() && raw.charAt(j) != BEL && raw.charAt(j) != ESC) {
                j++;
            }
            if (j < raw.length() && raw.charAt(j) == ESC) {
                j++;
            }
            return Math.min(j + 1, raw.length());
        }
        return i + 1;
    }
}
