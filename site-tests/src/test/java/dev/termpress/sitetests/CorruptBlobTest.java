package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A layer blob changed on the server after the build: Run must say so instead of booting or hanging. */
class CorruptBlobTest {

    private static Chromium chromium;
    private static ServedSite site;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start();
        site = ServedSite.examples();
        Path layer = largestBlob(site.output().resolve("images/blobs/sha256"));
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(layer, bytes);
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
    void corruptLayerShowsAnErrorInTheTerminalArea() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            var page = context.newPage();
            page.navigate(site.url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            demo.figure().locator(".tp-live-error").waitFor();

            assertThat(demo.error()).contains("is corrupt").contains("sha256");
            assertThat(demo.state()).isEqualTo("failed");
            assertThat(demo.status()).contains("Failed");
            demo.screenshot("corrupt-blob");
        }
    }

    private static Path largestBlob(Path dir) throws Exception {
        try (Stream<Path> blobs = Files.list(dir)) {
            return blobs.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
    }
}
