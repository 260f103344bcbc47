package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image's boot snapshot changed on the server after the build: Run must not resume from it, nor fail, nor
 * hang, but boot cold with one line saying why, and the block's settings still apply.
 */
class SnapshotFallbackTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(SnapshotFallbackTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.build(Path.of(System.getProperty("termpress.features", "src/test/sites/features")));
        Path blob = snapshotBlob(site.output());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(blob, bytes);
        return site;
    }

    @Test
    void aCorruptSnapshotBootsColdWithOneLineSayingWhy() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0); // autorun as nobody in /srv with GREETING set
            demo.press("run");

            String text = demo.waitFor(Pattern.compile("done-42\\s+[^\\n]*[#$]$"), LiveDemo.BOOT_TIMEOUT_MILLIS);

            assertThat(text).startsWith("termpress: boot snapshot not used (sha256 mismatch); booting")
                    .contains("hello from /srv as nobody");
            assertThat(text.split("boot snapshot not used", -1)).as("one line, once").hasSize(2);
            assertThat(demo.figure().getAttribute("data-boot")).isEqualTo("cold");
            assertThat(demo.state()).isEqualTo("running");
            assertThat(errors.list()).isEmpty();
            demo.screenshot("snapshot-fallback");
        }
    }

    /** The busybox image's boot snapshot blob, as its descriptor names it. */
    static Path snapshotBlob(Path output) throws Exception {
        JsonNode descriptor = new ObjectMapper().readTree(output.resolve("images/busybox.json").toFile());
        String digest = descriptor.at("/snapshot/digest").asText();
        assertThat(digest).as("the build published a boot snapshot").startsWith("sha256:");
        return output.resolve("images/blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
