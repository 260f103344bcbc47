package dev.termpress.generator.check;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.guest.InitHandshake;
import java.nio.charset.StandardCharsets;

/**
 * Types commands into a booted guest shell and collects what each prints, on the deterministic
 * clock. The prompt is a marker no command prints ({@link ShellPrompt#MARKER}); after boot the
 * session turns terminal echo off and sets the prompt, so a command's output is exactly the text
 * before the next marker.
 */
final class ShellSession {

    private static final String PROMPT = ShellPrompt.MARKER;
    /** Machine instructions per slice between looks at the output. */
    private static final long SLICE = 5_000_000L;
    /** Output silence after init starts that counts as "the shell waits" when the prompt is not ours. */
    private static final long QUIET = 100_000_000L;
    /** The same when the output ends like a prompt ({@code "# "}, {@code "$ "}): most shells are then waiting. */
    private static final long QUIET_AFTER_PROMPT = 10_000_000L;

    private final Machine machine;
    private final InitHandshake handshake;
    private final ConsoleCapture console;

    /** @param console what the machine printed, without the handshake's markers */
    ShellSession(Machine machine, InitHandshake handshake, ConsoleCapture console) {
        this.machine = machine;
        this.handshake = handshake;
        this.console = console;
    }

    /**
     * Runs the boot until the shell waits at a prompt, then sets up echo and prompt.
     *
     * @return {@code null} when the shell is ready, else why not ({@link BootFailure})
     */
    String start(long budget) {
        long executed = 0;
        long lastSize = -1;
        long quietSince = 0;
        while (executed < budget && !machine.halted()) {
            long ran = handshake.run(SLICE);
            executed += ran;
            String text = text();
            if (text.contains(PROMPT)) {
                break;
            }
            if (console.total() != lastSize) {
                lastSize = console.total();
                quietSince = executed;
            } else if (executed - quietSince >= (looksLikePrompt(text) ? QUIET_AFTER_PROMPT : QUIET)
                    || waitsForInput(ran)) {
                break;
            }
        }
        if (machine.halted()) {
            return BootFailure.poweredOff(transcript());
        }
        if (executed >= budget) {
            return BootFailure.noPrompt(budget + " instructions", transcript());
        }
        console.consume(console.text().length());
        type(ShellPrompt.SETUP);
        if (awaitPrompt(budget) != null) {
            return null;
        }
        return machine.halted() ? BootFailure.poweredOff(transcript())
                : BootFailure.setupUnanswered(budget + " instructions", transcript());
    }

    /** Types one command (continuation lines included) and returns its output, or {@code null} on timeout or exit. */
    String run(String command, long budget) {
        type(command + "\n");
        return awaitPrompt(budget);
    }

    /** The end of what the guest wrote, for failure messages. */
    private String transcript() {
        return TerminalText.plain(utf8(console.transcript()));
    }

    /** The output since the last prompt, after a {@link #run} that returned {@code null}. */
    String pendingOutput() {
        return TerminalText.plain(utf8(text()));
    }

    boolean halted() {
        return machine.halted();
    }

    private String awaitPrompt(long budget) {
        long executed = 0;
        while (!machine.halted()) {
            String fresh = text();
            int at = fresh.indexOf(PROMPT);
            if (at >= 0) {
                console.consume(at + PROMPT.length());
                return TerminalText.plain(utf8(fresh.substring(0, at)));
            }
            if (executed >= budget) {
                return null;
            }
            long ran = handshake.run(SLICE);
            executed += ran;
            if (waitsForInput(ran) && !text().contains(PROMPT)) {
                return null; // the guest waits for input that will not come (a command reading the terminal)
            }
        }
        return null;
    }

    private static boolean looksLikePrompt(String text) {
        return ShellPrompt.looksLikePrompt(TerminalText.plain(text.substring(Math.max(0, text.length() - 200))));
    }

    /** The hart sleeps with no timer armed and the host's network owes it nothing: only input can wake it. */
    private boolean waitsForInput(long ran) {
        return ran < SLICE && !machine.halted() && machine.idle() && machine.nextWakeUpTicks() == Long.MAX_VALUE
                && !machine.network().waitingForHost();
    }

    private void type(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        handshake.input(bytes, 0, bytes.length);
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Console bytes since the last prompt as text; ISO-8859-1 keeps byte offsets equal to char offsets, UTF-8 is restored at the end. */
    private String text() {
        return console.text();
    }
}
