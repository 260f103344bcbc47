package dev.termpress.generator.vm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The user's terminal switched to raw mode with {@code stty} (POSIX: it reads and changes the
 * terminal on its standard input, so that is {@code /dev/tty}), and switched back on {@link #restore}.
 */
public final class RawTerminal {

    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    /** Saves the current settings ({@code stty -g}) and enters raw mode without echo; null when there is no terminal. */
    public static RawTerminal enter() {
        if (!TTY.exists()) {
            return null;
        }
        String saved = stty("-g");
        if (saved == null || stty("raw", "-echo") == null) {
            return null;
        }
        return new RawTerminal(saved.trim());
    }

    /** The window size as {@code {cols, rows}}, or null when unknown. */
    public static int[] size() {
        String answer = stty("size"); // "rows cols"
        if (answer == null) {
            return null;
        }
        String[] parts = answer.trim().split("\\s+");
        try {
            int rows = Integer.parseInt(parts[0]);
            int cols = Integer.parseInt(parts[1]);
            return rows > 0 && cols > 0 ? new int[] {cols, rows} : null;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Puts the saved settings back; safe to call twice (finally block and shutdown hook). */
    public synchronized void restore() {
        if (!restored) {
            restored = true;
            stty(saved);
        }
    }

    /** Runs stty on the terminal; its output, or null when it failed. */
    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
