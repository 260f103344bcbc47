package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The boot snapshot's second part is requested once the reader's terminal holds the shell's prompt, or earlier
 * only because the guest stopped before one of its pages (the worker's marks say which): never while the
 * guest merely waits for its layer. The terminal is read when the request arrives, so the order is seen as it
 * happened, not polled.
 */
class ColdPartRequestTest {

    /** xterm.js's buffer as text, one line per row (what the page has written, drawn or not). */
    private static final String BUFFER_TEXT = """
            f => { const t = f.termpressTerminal; if (!t) return '';
                   const b = t.buffer.active; const lines = [];
                   for (let i = 0; i < b.length; i++) lines.push(b.getLine(i).translateToString(true));
                   return lines.join('\\n'); }""";
    private static final Pattern PROMPT_LINE = Pattern.compile("(?m)[#$]( |$)");

    @RegisterExtension
    static final LiveSite live = new LiveSite(ServedSite::features);

    @Test
    void theSecondPartIsRequestedAfterThePromptIsInTheTerminalOrWhenTheGuestNeedsIt() throws Exception {
        String cold = PublishedBlobs.named(live.site().output(), "busybox", "/snapshot/cold/digest")
                .getFileName().toString();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            LiveDemo demo = new LiveDemo(page, 0);
            List<String> terminalAtRequest = new CopyOnWriteArrayList<>();
            context.route("**/" + cold, (Route route) -> {
                terminalAtRequest.add(String.valueOf(demo.figure().evaluate(BUFFER_TEXT)));
                route.resume();
            });
            page.navigate(live.site().url(""));
            demo.press("run");

            demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);
            page.waitForCondition(() -> !terminalAtRequest.isEmpty());

            demo.stats(); // the worker's marks say why it asked (coldPartAtPrompt or coldPartNeeded)
            String timings = demo.figure().getAttribute("data-guest-timings");
            assertThat(terminalAtRequest).as("requested once").hasSize(1);
            if (timings.contains("\"coldPartNeeded\"")) {
                // The guest stopped before a page the build's hot set missed: asked for at once, before the
                // prompt (docs/benchmarks.md says which and what it costs).
                assertThat(timings).doesNotContain("coldPartAtPrompt");
            } else {
                assertThat(timings).contains("coldPartAtPrompt");
                assertThat(terminalAtRequest.get(0)).as("the terminal when the second part was requested")
                        .containsPattern(PROMPT_LINE);
            }
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("snapshot");
            assertThat(errors.list()).isEmpty();
        }
    }
}
