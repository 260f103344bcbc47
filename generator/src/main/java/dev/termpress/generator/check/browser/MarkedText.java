package dev.termpress.generator.check.browser;

import dev.termpress.generator.check.ShellPrompt;

/**
 * Cuts command output out of a terminal's text, where every prompt is {@link ShellPrompt#MARKER}
 * and echo is off: the output of the latest command is the text between the last two markers.
 */
final class MarkedText {

    private static final String MARKER = ShellPrompt.MARKER;

    private MarkedText() {}

    /** How many prompts {@code text} shows. */
    static int markers(String text) {
        int count = 0;
        for (int at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length())) {
            count++;
        }
        return count;
    }

    /** Whether the shell is back at a prompt after {@code before}: a new marker shows, or the text changed and ends at one. */
    static boolean newPrompt(String before, String now) {
        return markers(now) > markers(before) || (!now.equals(before) && now.endsWith(MARKER));
    }

    /** The text between the last two markers (from the start when there is only one). */
    static String lastOutput(String text) {
        int last = text.lastIndexOf(MARKER);
        if (last < 0) {
            return text;
        }
        int previous = text.lastIndexOf(MARKER, last - 1);
        int start = previous < 0 ? 0 : previous + MARKER.length();
        return start > last ? "" : text.substring(start, last);
    }

    /** The text after the last marker: what a command printed before it stopped coming back. */
    static String afterLastMarker(String text) {
        int last = text.lastIndexOf(MARKER);
        return last < 0 ? text : text.substring(last + MARKER.length());
    }
}
