package dev.termpress.sitetests;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** One demo block on a page, seen as a reader sees it: buttons, status line, terminal text. */
final class LiveDemo {

    static final double BOOT_TIMEOUT_MILLIS = 120_000;
    static final double COMMAND_TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 50;
    /** A shell prompt at the end of the terminal: busybox ash as root or as another user. */
    static final Pattern PROMPT = Pattern.compile("[#$]\\s*$");

    private final Page page;
    private final Locator figure;
    /** What the page and its workers logged: named in failures, for diagnosis. */
    private final List<String> console = new CopyOnWriteArrayList<>();

    LiveDemo(Page page, int index) {
        this.page = page;
        this.figure = page.locator("figure.tp-demo").nth(index);
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.onPageError(error -> console.add("page error: " + error));
        page.onWorker(worker -> worker.onClose(closed -> console.add("worker closed: " + closed.url())));
    }

    Locator figure() {
        return figure;
    }

    String state() {
        return figure.getAttribute("data-state");
    }

    String status() {
        return figure.locator(".tp-status").textContent();
    }

    void press(String button) {
        figure.locator(".tp-" + button).click();
    }

    /** Presses the Run button of the block's command number {@code index} (from 0). */
    void runCommand(int index) {
        figure.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run this command")).nth(index).click();
    }

    /** The index of the command highlighted as being typed, or -1. */
    int currentCommand() {
        return ((Number) figure.evaluate("f => [...f.querySelectorAll('.tp-step')]"
                + ".findIndex(s => s.classList.contains('tp-current'))")).intValue();
    }

    /** Waits until the highlighted command is {@code index}. */
    void waitForCurrentCommand(int index, double timeoutMillis) {
        long deadline = System.nanoTime() + (long) (timeoutMillis * 1e6);
        while (currentCommand() != index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("command " + index + " was never highlighted; now " + currentCommand()
                        + ", status '" + status() + "', terminal:\n" + text());
            }
            page.waitForTimeout(POLL_MILLIS);
        }
    }

    /** Leaves the terminal to the test, which types its own commands (as {@code termpress check --browser} does). */
    void freePlay() {
        figure.evaluate("f => f.setAttribute('data-autorun', 'false')");
    }

    /**
     * The terminal's visible text, rows joined by newlines (empty before the terminal exists). The block is
     * scrolled into view first: xterm.js does not render a terminal that is off screen.
     */
    String text() {
        Locator rows = figure.locator(".xterm-rows");
        if (rows.count() == 0) {
            return "";
        }
        figure.scrollIntoViewIfNeeded();
        return rows.innerText().replace('\u00a0', ' ');
    }

    /** Text of the error box in the terminal area, or null. */
    String error() {
        Locator box = figure.locator(".tp-live-error");
        return box.count() == 0 ? null : box.textContent();
    }

    /** Types into the terminal as the reader would. */
    void type(String text) {
        figure.locator(".xterm-helper-textarea").pressSequentially(text);
    }

    /** Waits until the terminal text (trailing blanks removed) matches; fails with what it shows. */
    String waitFor(Pattern pattern, double timeoutMillis) {
        long deadline = System.nanoTime() + (long) (timeoutMillis * 1e6);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = text().stripTrailing();
            if (pattern.matcher(text).find()) {
                return text;
            }
            String error = error();
            if (error != null) {
                throw new AssertionError("the demo failed while waiting for " + pattern + ": " + error);
            }
            page.waitForTimeout(POLL_MILLIS);
        }
        throw new AssertionError("waited " + (long) timeoutMillis + " ms for " + pattern + "; state "
                + state() + ", status '" + status() + "', console " + console + ", terminal:\n" + text);
    }

    /**
     * What the reader saw between Run and the first prompt, timed inside the page from the click.
     *
     * @param millis milliseconds to the DOM mutation that shows the prompt
     * @param phases each status line the block showed ("Starting…", "Booting…", "Running") with the
     *     milliseconds when it first showed, in order
     * @param promptEpochMillis when the prompt showed, in milliseconds since 1970 (the clock Playwright's
     *     request timings use), to tell the requests made before it
     */
    record RunTiming(double millis, Map<String, Double> phases, double promptEpochMillis) {

        /** The phases as text, e.g. "Starting… 5, Booting… 310, Running 520 ms". */
        String phaseSummary() {
            StringBuilder text = new StringBuilder();
            phases.forEach((phase, at) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(phase).append(String.format(" %.0f", at)));
            return text.append(" ms").toString();
        }
    }

    /**
     * Presses Run on the block, left to the test ({@link #freePlay}), and waits for the first prompt, timed
     * inside the page with a MutationObserver, so no polling interval is added to the time.
     */
    RunTiming runToPrompt() {
        freePlay();
        figure.scrollIntoViewIfNeeded();
        Object outcome = figure.evaluate(RUN_TO_PROMPT, BOOT_TIMEOUT_MILLIS);
        if (outcome instanceof Map<?, ?> result && result.get("millis") instanceof Number millis) {
            Map<String, Double> phases = new LinkedHashMap<>();
            for (Object phase : (List<?>) result.get("phases")) {
                List<?> pair = (List<?>) phase;
                phases.putIfAbsent(String.valueOf(pair.get(0)), ((Number) pair.get(1)).doubleValue());
            }
            double epoch = result.get("epochMillis") instanceof Number at ? at.doubleValue() : Double.NaN;
            return new RunTiming(millis.doubleValue(), phases, epoch);
        }
        throw new AssertionError("no prompt after Run: " + outcome + "; state " + state() + ", status '"
                + status() + "', console " + console + ", terminal:\n" + text());
    }

    /** Page-side half of {@link #runToPrompt}: resolves to {millis, phases}, or to what went wrong. */
    private static final String RUN_TO_PROMPT = """
            (figure, timeout) => new Promise(resolve => {
              const started = performance.now();
              const phases = [];
              const status = figure.querySelector('.tp-status');
              let timer;
              const observer = new MutationObserver(() => check());
              const finish = outcome => { observer.disconnect(); clearTimeout(timer); resolve(outcome); };
              const check = () => {
                const now = performance.now() - started;
                const said = status ? status.textContent.split(' ')[0] : '';
                if (said && (phases.length === 0 || phases[phases.length - 1][0] !== said)) phases.push([said, now]);
                const box = figure.querySelector('.tp-live-error');
                if (box) return finish('the demo failed: ' + box.textContent);
                const rows = figure.querySelector('.xterm-rows');
                const text = rows ? rows.innerText.replace(/\u00a0/g, ' ') : '';
                if (/[#$]\\s*$/.test(text)) finish({ millis: now, epochMillis: performance.timeOrigin + performance.now(), phases: phases });
              };
              observer.observe(figure, { childList: true, subtree: true, characterData: true });
              timer = setTimeout(() => finish('timed out after ' + timeout + ' ms'), timeout);
              figure.querySelector('.tp-run').click();
            })""";

    /**
     * Types a command (short enough for one terminal row) and returns what follows its echo once the next
     * prompt shows.
     */
    String command(String line) {
        return command(line, COMMAND_TIMEOUT_MILLIS);
    }

    /** {@link #command(String)} for a command that may take up to {@code timeoutMillis} (benchmarks). */
    String command(String line, double timeoutMillis) {
        int seen = occurrences(text(), line);
        type(line + "\n");
        long deadline = System.nanoTime() + (long) (timeoutMillis * 1e6);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = text().stripTrailing();
            if (occurrences(text, line) > seen && !text.endsWith(line) && PROMPT.matcher(text).find()) {
                return text.substring(text.lastIndexOf(line) + line.length());
            }
            String error = error();
            if (error != null) {
                throw new AssertionError("the demo failed while running " + line + ": " + error);
            }
            page.waitForTimeout(POLL_MILLIS);
        }
        throw new AssertionError("no prompt after " + line + "; console " + console + ", terminal:\n" + text);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The worker's counters: guest instructions so far and host milliseconds spent running them. */
    double[] stats() {
        figure.evaluate("f => { f.removeAttribute('data-guest-instructions'); f.dispatchEvent(new Event('tp-stats')); }");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (figure.getAttribute("data-guest-instructions") == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not answer a stats request");
            }
            page.waitForTimeout(POLL_MILLIS);
        }
        return new double[] {Double.parseDouble(figure.getAttribute("data-guest-instructions")),
            Double.parseDouble(figure.getAttribute("data-guest-busy-ms"))};
    }

    /** Saves a picture of the demo block as a test artifact. */
    void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("termpress.artifacts", "target/site-test-artifacts"));
        Files.createDirectories(dir);
        figure.screenshot(new Locator.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
