package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fixture site (src/test/sites/features) with block settings content-examples does not use: workdir,
 * user, env, hostname, autorun=false, and the ways commands get typed (Run, a command's own Run button, Stop midway).
 */
class BlockFeaturesTest {

    private static final int AUTORUN_AS_NOBODY = 0;
    private static final int FREE_PLAY = 2;
    private static final int SLOW_MIDDLE = 3;
    private static final int SERVER_AND_CLIENT = 4;
    /** A prompt after the given text, at the end of the terminal. */
    private static final String THEN_PROMPT = "\\s+[^\\n]*[#$]$";

    @RegisterExtension
    static final LiveSite live = new LiveSite(BlockFeaturesTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.features();
        return site;
    }

    @Test
    void autorunTypesTheCommandsWithTheBlockSettingsApplied() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, AUTORUN_AS_NOBODY);
            demo.press("run");

            String text = demo.waitFor(Pattern.compile("done-42" + THEN_PROMPT), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).contains("hello from /srv as nobody");
            assertThat(demo.figure().getAttribute("data-boot")).as("resumed from the image's boot snapshot")
                    .isEqualTo("snapshot");
            assertThat(text).doesNotContain("boot snapshot not used");
            demo.screenshot("autorun");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aFreePlayBlockTypesNothingAndACommandsButtonTypesJustThatCommand() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, FREE_PLAY);
            demo.press("run");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            page.waitForTimeout(1500); // time enough for an autorun to have typed something

            assertThat(demo.text()).as("autorun=false types nothing").doesNotContain("echo");

            demo.runCommand(1);
            String text = demo.waitFor(Pattern.compile("picked-9" + THEN_PROMPT), LiveDemo.COMMAND_TIMEOUT_MILLIS);

            assertThat(text).doesNotContain("free-");
            assertThat(demo.currentCommand()).as("no highlight once the prompt is back").isEqualTo(-1);
            assertThat(demo.status()).isEqualTo("Done. The terminal is yours.");
            assertThat(demo.command("echo mine")).as("the terminal is the reader's again").contains("mine");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aCommandsButtonStartsAStoppedMachineAndTypesOnlyThatCommand() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, AUTORUN_AS_NOBODY);
            assertThat(demo.state()).isEqualTo("idle");

            demo.runCommand(1);
            String text = demo.waitFor(Pattern.compile("done-42" + THEN_PROMPT), LiveDemo.BOOT_TIMEOUT_MILLIS);
            page.waitForTimeout(1000);

            assertThat(demo.text()).as("not the block's whole autorun list").doesNotContain("GREETING")
                    .doesNotContain("hello from");
            assertThat(text).contains("echo done-$((6*7))");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void stopInTheMiddleOfAutorunStopsTheTyping() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, SLOW_MIDDLE);
            demo.press("run");
            demo.waitFor(Pattern.compile("first-2"), LiveDemo.BOOT_TIMEOUT_MILLIS);
            demo.waitForCurrentCommand(1, LiveDemo.COMMAND_TIMEOUT_MILLIS);
            assertThat(demo.status()).isEqualTo("Running command 2 of 3");
            demo.screenshot("autorun-highlight");

            demo.press("stop");

            assertThat(demo.state()).isEqualTo("stopped");
            assertThat(demo.currentCommand()).isEqualTo(-1);
            assertThat(demo.status()).isEqualTo("Stopped.");
            assertThat(demo.figure().locator(".tp-transcript").isVisible()).isTrue();

            // The next machine types only what it is asked for, nothing left over from the stopped one.
            demo.runCommand(0);
            demo.waitFor(Pattern.compile("first-2" + THEN_PROMPT), LiveDemo.BOOT_TIMEOUT_MILLIS);
            page.waitForTimeout(1500);
            assertThat(demo.text()).doesNotContain("sleep").doesNotContain("third");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aServerAndItsClientRunInOneBlock() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            var page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, SERVER_AND_CLIENT);
            demo.press("run");

            // The typed command reads "served-by-$(hostname)": only the server's answer has the name.
            String text = demo.waitFor(Pattern.compile("served-by-web-demo\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).doesNotContain("termpress-ready").doesNotContain("can't connect");
            assertThat(demo.command("hostname; grep -c web-demo /etc/hosts")).containsPattern("web-demo\\s+1\\s");
            demo.screenshot("server-and-client");
        }
    }

    @Test
    void aFloodOfOutputStopsAtCtrlC() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, FREE_PLAY);
            demo.press("run");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);

            demo.type("yes flood\n");
            demo.waitFor(Pattern.compile("flood\\s+flood\\s+flood\\s*$"), LiveDemo.COMMAND_TIMEOUT_MILLIS);
            page.waitForTimeout(2000); // the guest writes as fast as the terminal draws (the page confirms each output)
            demo.figure().locator(".xterm-helper-textarea").press("Control+c");

            demo.waitFor(LiveDemo.PROMPT, 10_000); // a prompt again, within seconds of the flood
            assertThat(demo.command("echo after-$((6 * 7))")).contains("after-42");
            assertThat(errors.list()).isEmpty();
        }
    }
}
