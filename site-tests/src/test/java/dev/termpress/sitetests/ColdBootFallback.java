package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;

/**
 * What every fallback from a damaged boot snapshot to a cold boot must show on the features site: Run on its
 * first block (autorun as nobody in /srv with GREETING set) reaches the block's last output, the reason line
 * stands once, the figure says it booted cold, the terminal runs and the page logged no error.
 */
final class ColdBootFallback {

    private ColdBootFallback() {
    }

    /** Runs the first block until {@code until} matches, checks the above, saves a screenshot; the terminal's text. */
    static String run(LiveSite live, Pattern until, String screenshot) throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            String text = demo.waitFor(until, LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text.split("boot snapshot not used", -1)).as("one line, once").hasSize(2);
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("cold");
            assertThat(demo.state()).isEqualTo("running");
            assertThat(errors.list()).isEmpty();
            demo.screenshot(screenshot);
            return text;
        }
    }
}
