package dev.termpress.generator.check;

import java.util.Arrays;

/**
 * Why a block's shell never became usable, worded the same on every host so {@code check} and
 * {@code check --browser} report a broken block alike. Each reason ends with the last lines the
 * guest printed: the boot log before them says nothing about the block.
 */
public final class BootFailure {

    /** Lines of guest output shown: enough for an init error and the shell's last words. */
    static final int SHOWN_LINES = 15;

    private BootFailure() {}

    /** The machine stopped before any prompt (a bad user or workdir, a shell that exits). */
    public static String poweredOff(String output) {
        return "the machine powered off before the shell's prompt; " + lastLines(output);
    }

    /** Nothing that looks like a waiting shell within {@code limit} ("180 s", "4000000000 instructions"). */
    public static String noPrompt(String limit, String output) {
        return "no shell prompt within " + limit + "; " + lastLines(output);
    }

    /** The shell seemed to wait, but the setup line got no prompt back within {@code limit}. */
    public static String setupUnanswered(String limit, String output) {
        return "the shell did not answer termpress's setup line within " + limit
                + " (it is not at a prompt, or not a POSIX shell); " + lastLines(output);
    }

    /** {@code last output:} and its last {@link #SHOWN_LINES} lines, or that there was none. */
    static String lastLines(String output) {
        String trimmed = output.strip();
        if (trimmed.isEmpty()) {
            return "the guest printed nothing";
        }
        String[] lines = trimmed.split("\n", -1);
        int from = Math.max(0, lines.length - SHOWN_LINES);
        return "last output:\n" + String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
    }
}
