package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        return ServedSite.build(Map.of("termpress.yaml", "title: Debian\nimages:\n  debian: " + LAYOUT + "\n",
                "content/index.md", "# Debian\n\n```container image=debian\n$ cat /etc/debian_version\n13\n```\n"));
    }

    @Test
    void bashAnswersInTheBrowser() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            Downloads downloads = new Downloads(context);
            LiveDemo demo = new LiveDemo(page, 0);
            LiveDemo.RunTiming cold = demo.runToPrompt();
            long fetched = downloads.total();
            double[] stats = demo.stats();
            System.out.printf("debian, cold cache: Run to prompt %.0f ms (%s), %.2f MB fetched after Run;"
                    + " %.1f M guest instructions in %.0f ms of slices%n", cold.millis(), cold.phaseSummary(),
                    fetched / 1e6, stats[0] / 1e6, stats[1]);
            assertThat(demo.command("cat /etc/debian_version")).containsPattern("1[3-9]");
            demo.screenshot("debian-bash");

            page.reload();
            demo = new LiveDemo(page, 0);
            System.out.printf("debian, warm cache: Run to prompt %.0f ms%n", demo.runToPrompt().millis());
        }
    }
}
