package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the live terminal draws, checked on its pixels: text readers cannot see is a bug. */
class TerminalRenderingTest {

    /** A pixel this much brighter (0–255, any channel) than the terminal's dark background is ink. */
    private static final int INK_THRESHOLD = 96;

    @RegisterExtension
    static final LiveSite live = new LiveSite(ServedSite::examples);

    @Test
    void underscoresAreDrawnNotClippedByTheRowBelow() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();

            // After clear, one row holds only the 40 underscores the command prints.
            String underscores = "_".repeat(40);
            demo.type("clear; printf '%040d\\n' 0 | tr 0 _\n");
            demo.waitFor(Pattern.compile(underscores + "\\s+\\S+ #"), LiveDemo.COMMAND_TIMEOUT_MILLIS);
            Locator underscoreRow = demo.figure().locator(".xterm-rows > div")
                    .filter(new Locator.FilterOptions().setHasText(underscores)).first();
            assertThat(underscoreRow.textContent().trim()).isEqualTo(underscores);
            demo.screenshot("underscores");

            BufferedImage row = ImageIO.read(new ByteArrayInputStream(underscoreRow.screenshot()));
            assertThat(inkPixels(row)).as("lit pixels in the row that holds only underscores").isGreaterThan(40);
        }
    }

    private static int inkPixels(BufferedImage image) {
        int ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int brightest = Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
                if (brightest > INK_THRESHOLD) {
                    ink++;
                }
            }
        }
        return ink;
    }
}
