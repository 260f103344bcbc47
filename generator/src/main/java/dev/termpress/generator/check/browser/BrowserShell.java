package dev.termpress.generator.check.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.termpress.generator.check.BootFailure;
import dev.termpress.generator.check.DemoShell;
import dev.termpress.generator.check.NoShellException;
import dev.termpress.generator.check.ShellPrompt;

/**
 * The shell of one demo block in the page, driven as a reader drives it: Run pressed, commands
 * typed into the terminal, output read from the terminal's buffer. After the first prompt it types
 * {@link ShellPrompt#SETUP} like the JVM check, so each command's output lies between two markers.
 */
final class BrowserShell implements DemoShell {

    /** Time to the first prompt: downloading and booting a large image on a slow machine. */
    static final long BOOT_MILLIS = 180_000;
    /** Time a command may take before it counts as waiting for input or never ending. */
    static final long COMMAND_MILLIS = 60_000;
    /** Output silence after which a boot that shows no recognisable prompt counts as waiting. */
    private static final long QUIET_MILLIS = 5_000;
    /** The same when the cursor row ends like a prompt. */
    private static final long QUIET_AFTER_PROMPT_MILLIS = 300;
    private static final double POLL_MILLIS = 50;

    private final Page page;
    private final Locator figure;
    private final PageProblems problems;
    private String failure;
    private String pending = "";

    BrowserShell(Page page, Locator figure, PageProblems problems) {
        this.page = page;
        this.figure = figure;
        this.problems = problems;
    }

    /** Waits for the shell's first prompt and types the setup line; the reason when that fails. */
    void start() throws NoShellException {
        long deadline = System.nanoTime() + BOOT_MILLIS * 1_000_000L;
        String last = null;
        long changed = System.nanoTime();
        while (true) {
            TerminalSnapshot screen = snapshot();
            if (screen.error() != null) {
                throw new NoShellException(screen.error().strip());
            }
            if (screen.missingHook()) {
                throw new NoShellException("the page's runtime does not expose its terminal (figure.termpressTerminal);"
                        + " it is older than this termpress");
            }
            if ("exited".equals(screen.state())) {
                throw new NoShellException(BootFailure.poweredOff(screen.textOrEmpty()));
            }
            if (screen.text() != null) {
                if (screen.text().contains(ShellPrompt.MARKER)) {
                    break;
                }
                long now = System.nanoTime();
                if (!screen.text().equals(last)) {
                    last = screen.text();
                    changed = now;
                } else if (!last.isEmpty() && (now - changed) / 1_000_000L >= (ShellPrompt.looksLikePrompt(
                        screen.cursorLine()) ? QUIET_AFTER_PROMPT_MILLIS : QUIET_MILLIS)) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new NoShellException(BootFailure.noPrompt(BOOT_MILLIS / 1000 + " s",
                        screen.textOrEmpty()) + problems.describe());
            }
            page.waitForTimeout(POLL_MILLIS);
        }
        if (run(ShellPrompt.SETUP.stripTrailing()) == null) {
            TerminalSnapshot screen = snapshot();
            throw new NoShellException("exited".equals(screen.state()) ? BootFailure.poweredOff(screen.textOrEmpty())
                    : BootFailure.setupUnanswered(COMMAND_MILLIS / 1000 + " s", screen.textOrEmpty()));
        }
    }

    @Override
    public String run(String command) {
        try {
            return typeAndRead(command);
        } catch (PlaywrightException e) {
            failure = "Chromium failed: " + PlaywrightMessages.summary(e.getMessage());
            return null;
        }
    }

    private String typeAndRead(String command) {
        String before = snapshot().textOrEmpty();
        figure.locator(".xterm-helper-textarea").pressSequentially(command + "\n");
        long deadline = System.nanoTime() + COMMAND_MILLIS * 1_000_000L;
        while (true) {
            TerminalSnapshot screen = snapshot();
            String text = screen.textOrEmpty();
            if (MarkedText.newPrompt(before, text)) {
                return MarkedText.lastOutput(text);
            }
            pending = MarkedText.afterLastMarker(text);
            if (screen.error() != null) {
                failure = screen.error().strip();
                return null;
            }
            if ("exited".equals(screen.state())) {
                failure = "the shell exited (the machine powered off) before the next prompt";
                return null;
            }
            if (System.nanoTime() > deadline) {
                failure = "no prompt after " + COMMAND_MILLIS / 1000 + " s (a command that waits for input or never ends)";
                return null;
            }
            page.waitForTimeout(POLL_MILLIS);
        }
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public String pendingOutput() {
        return pending;
    }

    /** Presses Stop, which ends the worker and frees the machine. */
    void stop() {
        figure.evaluate("f => { const stop = f.querySelector('.tp-stop'); if (stop) stop.click(); }");
    }

    private TerminalSnapshot snapshot() {
        return TerminalSnapshot.of(figure.evaluate(TerminalSnapshot.SCRIPT));
    }
}
