package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Debian trixie image that content-examples/images/build-debian.sh caches (not committed; skipped
 * when absent): bash in the browser, with the cold and warm Run-to-prompt times.
 */
class DebianImageTest {

    /** Same rule as build-debian.sh: $TERMPRESS_IMAGE_CACHE/debian-trixie, default /work/cache/images. */
    private static final Path LAYOUT = Path.of(System.getenv().getOrDefault("TERMPRESS_IMAGE_CACHE",
            "/work/cache/images")).resolve("debian-trixie");

    @RegisterExtension
    static final LiveSite live = new LiveSite(DebianImageTest::openSite);

    private static ServedSite openSite() throws Exception {
        assumeTrue(Files.isDirectory(LAYOUT), LAYOUT + " is not built; run content-examples/images/build-debian.sh");
        Path dir = Files.createTempDirectory("termpress-debian-site");
        Files.writeString(dir.resolve("termpress.yaml"), "title: Debian\nimages:\n  debian: " + LAYOUT + "\n");
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/index.md"),
                "# Debian\n\n```container image=debian\n$ cat /etc/debian_version\n13\n```\n");
        ServedSite site = ServedSite.build(dir);
        return site;
    }

    @Test
    void bashAnswersInTheBrowser() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            AtomicLong downloaded = new AtomicLong();
            context.onResponse(response -> {
                String length = response.headerValue("content-length");
                downloaded.addAndGet(length == null ? 0 : Long.parseLong(length));
            });
            LiveDemo demo = new LiveDemo(page, 0);
            long started = System.nanoTime();
            demo.press("run");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            double[] stats = demo.stats();
            System.out.printf("debian, cold cache: Run to prompt %.2f s, %.2f MB downloaded after Run;"
                    + " %.1f M guest instructions in %.0f ms of slices%n", (System.nanoTime() - started) / 1e9,
                    downloaded.get() / 1e6, stats[0] / 1e6, stats[1]);
            assertThat(demo.command("cat /etc/debian_version")).containsPattern("1[3-9]");
            demo.screenshot("debian-bash");

            page.reload();
            demo = new LiveDemo(page, 0);
            started = System.nanoTime();
            demo.press("run");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            System.out.printf("debian, warm cache: Run to prompt %.2f s%n", (System.nanoTime() - started) / 1e9);
        }
    }
}
