package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image's boot snapshot changed on the server after the build: Run must not resume from it, nor fail, nor
 * hang, but boot cold with one line saying why, and the block's settings still apply.
 */
class SnapshotFallbackTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(SnapshotFallbackTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.features();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/snapshot/digest"));
        return site;
    }

    @Test
    void aCorruptSnapshotBootsColdWithOneLineSayingWhy() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0); // autorun as nobody in /srv with GREETING set
            demo.press("run");

            String text = demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).startsWith("termpress: boot snapshot not used (sha256 mismatch); booting")
                    .contains("hello from /srv as nobody");
            assertThat(text.split("boot snapshot not used", -1)).as("one line, once").hasSize(2);
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("cold");
            assertThat(demo.state()).isEqualTo("running");
            assertThat(errors.list()).isEmpty();
            demo.screenshot("snapshot-fallback");
        }
    }
}
