package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fixture site (src/test/sites/features) whose blocks set workdir, user, env, hostname and autorun. */
class BlockFeaturesTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(BlockFeaturesTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.build(Path.of(System.getProperty("termpress.features", "src/test/sites/features")));
        return site;
    }

    @Test
    void autorunTypesTheCommandsWithTheBlockSettingsApplied() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            var page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            String text = demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).contains("hello from /srv as nobody");
            demo.screenshot("autorun");
        }
    }

    @Test
    void aServerAndItsClientRunInOneBlock() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            var page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 2);
            demo.press("run");

            // The typed command reads "served-by-$(hostname)": only the server's answer has the name.
            String text = demo.waitFor(Pattern.compile("served-by-web-demo\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).doesNotContain("termpress-ready").doesNotContain("can't connect");
            assertThat(demo.command("hostname; grep -c web-demo /etc/hosts")).containsPattern("web-demo\\s+1\\s");
            demo.screenshot("server-and-client");
        }
    }
}
