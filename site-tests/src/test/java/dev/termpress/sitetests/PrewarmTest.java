package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prewarm in Chromium: a demo block far down the page gets no worker at load; scrolled into view, its worker
 * resumes the image's boot snapshot before any click; Run then reaches the prompt with the block's own settings
 * and page files. A second block of the same image adopts the prewarmed worker when it is clicked first; a block
 * of another image starts its own.
 */
class PrewarmTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    /** Enough text above the blocks that none is within 200px of a 700px-high viewport at load. */
    private static final String SPACER = "Some text before the demo.\n\n".repeat(120);

    @RegisterExtension
    static final LiveSite live = new LiveSite(PrewarmTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Prewarm\nimages:\n  busybox: " + BUSYBOX + "\n  other: " + BUSYBOX + "\n");
        files.put("content/index.md", "# Files\n\n" + SPACER + """
                ```file path=/workspace/app.py
                print("prewarmed")
                ```

                ```container image=busybox workdir=/workspace autorun=false
                $ cat app.py
                ```
                """);
        files.put("content/two.md", "# Two blocks\n\n" + SPACER + """
                ```container image=busybox workdir=/srv user=nobody autorun=false
                $ pwd
                ```

                ```container image=busybox workdir=/tmp autorun=false
                $ pwd
                ```

                ```container image=other workdir=/etc autorun=false
                $ pwd
                ```
                """);
        return ServedSite.build(files);
    }

    private static BrowserContext context() {
        return live.chromium().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1000, 700));
    }

    private static void waitForPrewarm(Locator figure, String state) {
        figure.page().waitForFunction("([f, s]) => f.getAttribute('data-prewarm-state') === s",
                java.util.List.of(figure.elementHandle(), state),
                new Page.WaitForFunctionOptions().setTimeout(LiveDemo.BOOT_TIMEOUT_MILLIS));
    }

    @Test
    void scrollingABlockIntoViewResumesItsMachineBeforeTheClick() {
        try (BrowserContext context = context()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            page.waitForTimeout(1000);
            assertThat(page.workers()).as("a block out of view starts nothing").isEmpty();
            assertThat(demo.figure().getAttribute("data-prewarm-state")).isNull();

            demo.figure().scrollIntoViewIfNeeded();
            waitForPrewarm(demo.figure(), "ready");
            assertThat(demo.figure().getAttribute("data-prewarm-boot")).isEqualTo("snapshot");
            assertThat(page.workers()).as("one worker, before any click").hasSize(1);
            assertThat(demo.state()).isEqualTo("idle");

            LiveDemo.RunTiming timing = demo.runToPrompt();
            assertThat(demo.figure().getAttribute("data-prewarmed")).as("Run took the prewarmed worker").isEqualTo("ready");
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("snapshot");
            assertThat(page.workers()).hasSize(1);
            assertThat(demo.command("cat app.py; pwd")).as("page files and workdir on a prewarmed machine")
                    .contains("print(\"prewarmed\")").contains("/workspace");
            assertThat(errors.list()).isEmpty();
            System.out.printf("prewarm: Run to prompt on a prewarmed block %.0f ms%n", timing.millis());
        }
    }

    @Test
    void aSecondBlockOfTheSameImageAdoptsThePrewarmedWorkerAndAnotherImageStartsItsOwn() {
        try (BrowserContext context = context()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url("two/"));
            LiveDemo first = new LiveDemo(page, 0);
            LiveDemo second = new LiveDemo(page, 1);
            LiveDemo other = new LiveDemo(page, 2);
            first.figure().scrollIntoViewIfNeeded();
            waitForPrewarm(first.figure(), "ready");
            assertThat(second.figure().getAttribute("data-prewarm-state")).as("one prewarm per page").isNull();

            second.runToPrompt();
            assertThat(second.figure().getAttribute("data-prewarmed")).isEqualTo("ready");
            assertThat(first.figure().getAttribute("data-prewarm-state")).isEqualTo("adopted");
            assertThat(second.command("pwd; id -un")).as("the adopting block's own settings").contains("/tmp")
                    .contains("root");
            assertThat(page.workers()).hasSize(1);

            first.runToPrompt();
            assertThat(first.figure().getAttribute("data-prewarmed")).as("taken already: a worker of its own").isNull();
            assertThat(first.command("pwd; id -un")).contains("/srv").contains("nobody");

            other.runToPrompt();
            assertThat(other.figure().getAttribute("data-prewarmed")).as("another image").isNull();
            assertThat(other.command("pwd")).contains("/etc");
            assertThat(page.workers()).hasSize(3);
            assertThat(errors.list()).isEmpty();
        }
    }
}
