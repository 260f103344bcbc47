package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fixture site (src/test/sites/features) whose block sets workdir, user, env and autorun. */
class BlockFeaturesTest {

    private static Chromium chromium;
    private static ServedSite site;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start();
        site = ServedSite.build(Path.of(System.getProperty("termpress.features", "src/test/sites/features")));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void autorunTypesTheCommandsWithTheBlockSettingsApplied() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            var page = context.newPage();
            page.navigate(site.url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            String text = demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).contains("hello from /srv as nobody");
            demo.screenshot("autorun");
        }
    }
}
