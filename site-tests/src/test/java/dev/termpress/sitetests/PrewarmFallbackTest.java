package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A prewarmed block whose boot snapshot was damaged on the server: the prewarm falls back to the kernel (ready,
 * cold), and Run then boots cold and shows the one line saying why, once, before the prompt.
 */
class PrewarmFallbackTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(PrewarmFallbackTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.features();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/snapshot/digest"));
        return site;
    }

    @Test
    void aCorruptSnapshotOnAPrewarmedBlockStillReachesAPromptWithTheNotice() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0); // autorun as nobody in /srv with GREETING set
            page.waitForFunction("f => f.getAttribute('data-prewarm-state') === 'ready'", demo.figure().elementHandle(),
                    new Page.WaitForFunctionOptions().setTimeout(LiveDemo.BOOT_TIMEOUT_MILLIS));
            assertThat(demo.figure().getAttribute("data-prewarm-boot")).isEqualTo("cold");

            demo.press("run");
            String text = demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(demo.figure().getAttribute("data-prewarmed")).isEqualTo("ready");
            assertThat(text).startsWith("termpress: boot snapshot not used (sha256 mismatch); booting")
                    .contains("hello from /srv as nobody");
            assertThat(text.split("boot snapshot not used", -1)).as("one line, once").hasSize(2);
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("cold");
            assertThat(errors.list()).isEmpty();
        }
    }
}
