package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The boot snapshot's second part (the RAM pages fetched while the guest already runs) changed on the server
 * after the build: Run must neither hang nor run on without those pages, but boot cold with one line saying
 * why, and the block's settings still apply.
 */
class ColdPartFallbackTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(ColdPartFallbackTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.features();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/snapshot/cold/digest"));
        return site;
    }

    @Test
    void aCorruptSecondPartBootsColdWithOneLineSayingWhy() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0); // autorun as nobody in /srv with GREETING set
            demo.press("run");

            String text = demo.waitFor(Pattern.compile(
                    "boot snapshot not used \\(its second part: sha256 mismatch\\); booting[\\s\\S]*done-42\\s+[^\\n]*[#$]$"),
                    LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text.split("boot snapshot not used", -1)).as("one line, once").hasSize(2);
            assertThat(text.substring(text.indexOf("boot snapshot not used"))).contains("hello from /srv as nobody");
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("cold");
            assertThat(demo.state()).isEqualTo("running");
            assertThat(errors.list()).isEmpty();
            demo.screenshot("cold-part-fallback");
        }
    }
}
