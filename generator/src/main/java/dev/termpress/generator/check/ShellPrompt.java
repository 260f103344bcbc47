package dev.termpress.generator.check;

/**
 * How {@code check} finds the end of each command's output, on every host: the shell's prompt is a
 * marker no command prints, and terminal echo is off, so a command's output is exactly the text
 * between two markers.
 */
public final class ShellPrompt {

    /** The prompt the shell is given; output is cut at it. */
    public static final String MARKER = "%%termpress-ready%%";
    /**
     * Typed once at the shell's first prompt. The marker is spelt in two quoted halves so the echo of
     * this line does not contain it; line editing goes off so the shell never redraws a line.
     */
    public static final String SETUP = "stty -echo; PS1='%%termpress-''ready%%'; PS2=''; set +o emacs +o vi 2>/dev/null\n";

    private ShellPrompt() {}

    /** Whether plain terminal text ends like a usual prompt ({@code "# "}, {@code "$ "}, {@code "> "}, {@code "% "}). */
    public static boolean looksLikePrompt(String plain) {
        return plain.endsWith("# ") || plain.endsWith("$ ") || plain.endsWith("> ") || plain.endsWith("% ");
    }
}
