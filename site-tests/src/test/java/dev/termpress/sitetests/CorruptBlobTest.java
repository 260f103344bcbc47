package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A layer blob changed on the server after the build: Run must say so instead of booting or hanging. */
class CorruptBlobTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(CorruptBlobTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.examples();
        Path layer = firstLayer(site.output());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(layer, bytes);
        return site;
    }

    @Test
    void corruptLayerShowsAnErrorInTheTerminalArea() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            var page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");

            demo.figure().locator(".tp-live-error").waitFor();

            assertThat(demo.error()).contains("is corrupt").contains("sha256");
            assertThat(demo.state()).isEqualTo("failed");
            assertThat(demo.status()).contains("Failed");
            demo.screenshot("corrupt-blob");
        }
    }

    /**
     * The busybox image's layer, as its descriptor names it (the largest blob is no longer the layer:
     * the image's boot snapshot lies beside it, and the browser does not read that yet).
     */
    private static Path firstLayer(Path output) throws Exception {
        JsonNode descriptor = new ObjectMapper().readTree(output.resolve("images/busybox.json").toFile());
        String digest = descriptor.at("/layers/0/digest").asText();
        assertThat(digest).startsWith("sha256:");
        return output.resolve("images/blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
