package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fixture site (src/test/sites/features) whose block sets workdir, user, env and autorun. */
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
}
