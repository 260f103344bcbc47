package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a page must not prewarm: {@code prewarm: false} fetches nothing for the block before the click, a budget
 * smaller than the boot snapshot fetches only the descriptor, and a reader who asked to save data
 * ({@code navigator.connection.saveData}) gets no prewarm either. Run works the same in each case.
 */
class PrewarmOffTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    private static final String BLOCK = """
            ```container image=%s autorun=false
            $ echo hi
            ```
            """;

    @RegisterExtension
    static final LiveSite live = new LiveSite(PrewarmOffTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: No prewarm\nprewarm: false\nimages:\n  busybox: " + BUSYBOX + "\n"
                + "  small: {source: " + BUSYBOX + ", prewarm: 1K}\n"
                + "  warm: {source: " + BUSYBOX + ", prewarm: true}\n");
        files.put("content/index.md", "# Off\n\n" + BLOCK.formatted("busybox"));
        files.put("content/small.md", "# Over budget\n\n" + BLOCK.formatted("small"));
        files.put("content/warm.md", "# Save data\n\n" + BLOCK.formatted("warm"));
        return ServedSite.build(files);
    }

    @Test
    void prewarmFalseFetchesNothingBeforeTheClick() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Downloads downloads = new Downloads(context);
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            assertThat(demo.figure().getAttribute("data-prewarm")).isEqualTo("0");
            page.waitForTimeout(1500); // the block is in view: a prewarm would have started by now

            assertThat(page.workers()).isEmpty();
            assertThat(demo.figure().getAttribute("data-prewarm-state")).isNull();
            Map<Downloads.Kind, Long> bytes = downloads.bytes();
            for (Downloads.Kind kind : new Downloads.Kind[] {Downloads.Kind.DESCRIPTOR, Downloads.Kind.SNAPSHOT,
                    Downloads.Kind.RUNTIME_WASM, Downloads.Kind.KERNEL, Downloads.Kind.LAYER_INDEX, Downloads.Kind.BLOB}) {
                assertThat(bytes.get(kind)).as("%s before the click", kind.label).isZero();
            }

            demo.runToPrompt();
            assertThat(demo.figure().getAttribute("data-prewarmed")).isNull();
            assertThat(demo.command("echo $((6*7))")).contains("42");
        }
    }

    @Test
    void aSnapshotOverTheBudgetFetchesOnlyTheDescriptor() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Downloads downloads = new Downloads(context);
            Page page = context.newPage();
            page.navigate(live.site().url("small/"));
            LiveDemo demo = new LiveDemo(page, 0);
            page.waitForFunction("f => f.getAttribute('data-prewarm-state') === 'over-budget'",
                    demo.figure().elementHandle());
            page.waitForTimeout(500);

            assertThat(Long.parseLong(demo.figure().getAttribute("data-prewarm-bytes"))).isGreaterThan(1024);
            assertThat(page.workers()).isEmpty();
            Map<Downloads.Kind, Long> bytes = downloads.bytes();
            assertThat(bytes.get(Downloads.Kind.DESCRIPTOR)).isPositive();
            assertThat(bytes.get(Downloads.Kind.SNAPSHOT) + bytes.get(Downloads.Kind.BLOB)
                    + bytes.get(Downloads.Kind.RUNTIME_WASM) + bytes.get(Downloads.Kind.KERNEL)).isZero();

            demo.runToPrompt();
            assertThat(demo.command("echo $((6*7))")).contains("42");
        }
    }

    @Test
    void aReaderWhoSavesDataGetsNoPrewarm() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.addInitScript("Object.defineProperty(Navigator.prototype, 'connection',"
                    + " { get: () => ({ saveData: true }), configurable: true });");
            Page page = context.newPage();
            page.navigate(live.site().url("warm/"));
            LiveDemo demo = new LiveDemo(page, 0);
            assertThat(demo.figure().getAttribute("data-prewarm")).as("on for this image").isEqualTo(String.valueOf(4 << 20));
            page.waitForTimeout(1500);

            assertThat(page.workers()).isEmpty();
            assertThat(demo.figure().getAttribute("data-prewarm-state")).isNull();
        }
    }
}
