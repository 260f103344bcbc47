package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** content-examples in Chromium, served below a sub-path: the reader's path through a live terminal. */
class ExampleSiteTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(ExampleSiteTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.examples();
        return site;
    }

    private static Page open(BrowserContext context, String path, List<String> problems) {
        Page page = context.newPage();
        page.onPageError(problems::add);
        page.onResponse(response -> {
            if (response.status() >= 400) {
                problems.add(response.status() + " " + response.url());
            }
        });
        page.navigate(live.site().url(path));
        return page;
    }

    @Test
    void runGivesAShellThatAnswers() throws Exception {
        List<String> problems = new ArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = open(context, "", problems);
            LiveDemo demo = new LiveDemo(page, 0);
            assertThat(demo.state()).as("the runtime took over the block").isEqualTo("idle");
            Downloads downloads = new Downloads(context);

            LiveDemo.RunTiming cold = demo.runToPrompt();
            assertThat(demo.text()).as("the reader sees the prompt, not boot messages").doesNotContain("termpress-init");
            double[] stats = demo.stats();
            System.out.printf("busybox, cold cache: Run to prompt %.0f ms (%s), %.2f MB fetched after Run;"
                    + " boot %.1f M guest instructions in %.0f ms of slices, %.0f MIPS%n", cold.millis(),
                    cold.phaseSummary(), downloads.total() / 1e6, stats[0] / 1e6, stats[1], stats[0] / stats[1] / 1e3);
            assertThat(stats[0]).as("guest instructions to the prompt").isGreaterThan(1e6);

            assertThat(demo.state()).isEqualTo("running");
            double[] before = demo.stats();
            assertThat(demo.command("i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo $i")).contains("30000");
            double[] after = demo.stats();
            System.out.printf("busybox, a shell loop: %.1f M guest instructions in %.0f ms of slices, %.0f MIPS%n",
                    (after[0] - before[0]) / 1e6, after[1] - before[1],
                    (after[0] - before[0]) / (after[1] - before[1]) / 1e3);
            assertThat(demo.command("uname -m")).contains("riscv64");
            assertThat(demo.command("pwd")).as("the block's workdir").contains("/tmp");
            assertThat(demo.command("echo kept > note.txt && cat note.txt")).contains("kept");
            assertThat(demo.command("seq 1 100 | grep 7 | wc -l")).contains("19");
            demo.screenshot("busybox-running");

            page.reload();
            demo = new LiveDemo(page, 0);
            System.out.printf("busybox, warm cache: Run to prompt %.0f ms%n", demo.runToPrompt().millis());
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void runTypesTheCommandsOfABlockWithoutOptionsAndLeavesTheTerminalToTheReader() throws Exception {
        List<String> problems = new ArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    problems.add(response.status() + " " + response.url());
                }
            });
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            assertThat(demo.figure().getAttribute("data-autorun")).as("the home page's first block has no options")
                    .isEqualTo("true");

            demo.press("run");
            String text = demo.waitFor(Pattern.compile("uname -s\\s+Linux\\s+\\S+ #$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).contains("Hello from riscv64");
            assertThat(demo.status()).isEqualTo("Done. The terminal is yours.");
            assertThat(demo.currentCommand()).isEqualTo(-1);
            assertThat(demo.figure().locator(".xterm-helper-textarea").evaluate("t => t === document.activeElement"))
                    .as("the keyboard goes to the terminal").isEqualTo(true);
            assertThat(demo.command("echo $((40+2))")).contains("42");
            demo.screenshot("busybox-autorun");
            assertThat(errors.list()).as("console errors").isEmpty();
        }
        assertThat(problems).as("failed requests, the favicon's included").isEmpty();
    }

    @Test
    void beforeTheFirstRunABlockShowsRunAloneAndReset() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            // Hold the runtime's stylesheets, which a prewarm may load early: the page as it is before them.
            page.route("**/assets/runtime/*.css", route -> { });
            page.navigate(live.site().url(""));
            Locator figure = page.locator("figure.tp-demo").first();
            figure.locator(".tp-reset").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            assertThat(figure.locator(".tp-controls .tp-run").isVisible()).isTrue();
            assertThat(figure.locator(".tp-controls .tp-reset").isVisible()).as("Reset before any Run").isFalse();
            assertThat(figure.locator(".tp-controls .tp-stop").isVisible()).as("Stop before any Run").isFalse();
        }
        try (BrowserContext context = live.chromium().browser().newContext()) {
            LiveDemo demo = new LiveDemo(open(context, "", new ArrayList<>()), 0);
            demo.runToPrompt();
            assertThat(demo.figure().locator(".tp-controls .tp-reset").isVisible()).as("Reset while running").isTrue();
            assertThat(demo.figure().locator(".tp-controls .tp-stop").isVisible()).as("Stop while running").isTrue();
        }
    }

    @Test
    void resetBringsBackThePristineImage() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            LiveDemo demo = new LiveDemo(open(context, "", new ArrayList<>()), 0);
            demo.runToPrompt();
            assertThat(demo.command("touch /root/made && ls /root")).contains("made");

            demo.press("reset");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            assertThat(demo.text()).doesNotContain("made");
            assertThat(demo.command("ls /root/made")).contains("No such file");
        }
    }

    @Test
    void twoTerminalsRunSideBySideAndStopFreesOne() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = open(context, "basics/files/", new ArrayList<>());
            LiveDemo first = new LiveDemo(page, 0);
            LiveDemo second = new LiveDemo(page, 1);
            first.freePlay();
            second.freePlay();
            first.press("run");
            second.press("run");
            first.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            second.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(first.command("echo one > /tmp/which; cat /tmp/which")).contains("one");
            assertThat(second.command("cat /tmp/which")).as("each terminal has its own machine")
                    .contains("No such file");

            first.press("stop");
            assertThat(first.state()).isEqualTo("stopped");
            assertThat(first.figure().locator(".tp-transcript").isVisible()).isTrue();
            assertThat(second.command("echo still-here")).contains("still-here");
        }
    }

    @Test
    void narrowerWindowReachesTheGuestTty() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = open(context, "", new ArrayList<>());
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            int wide = columns(demo.command("stty size"));

            page.setViewportSize(700, 720);
            page.waitForTimeout(300); // the resize event, the fit, the worker message, the guest's SIGWINCH
            int narrow = columns(demo.command("stty size"));

            assertThat(wide).isGreaterThan(40);
            assertThat(narrow).isLessThan(wide).isGreaterThan(20);
        }
    }

    /** The columns from {@code stty size} output ("ROWS COLS"). */
    private static int columns(String output) {
        Matcher size = Pattern.compile("(\\d+) (\\d+)").matcher(output);
        assertThat(size.find()).as("stty size printed ROWS COLS: %s", output).isTrue();
        return Integer.parseInt(size.group(2));
    }
}
