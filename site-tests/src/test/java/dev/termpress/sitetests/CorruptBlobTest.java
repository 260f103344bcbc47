package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A layer blob changed on the server after the build: Run must say so instead of booting or hanging. */
class CorruptBlobTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(CorruptBlobTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.examples();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/layers/0/digest"));
        return site;
    }

    @Test
    void corruptLayerShowsAnErrorInTheTerminalArea() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            var page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            demo.figure().locator(".tp-live-error").waitFor();

            assertThat(demo.error()).contains("is corrupt").contains("sha256");
            assertThat(demo.state()).isEqualTo("failed");
            assertThat(demo.status()).contains("Failed");
            demo.screenshot("corrupt-blob");
        }
    }
}
