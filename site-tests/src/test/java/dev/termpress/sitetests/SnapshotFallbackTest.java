package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

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
        ServedSite site = ServedSite.features();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/snapshot/digest"));
        return site;
    }

    @Test
    void aCorruptSnapshotBootsColdWithOneLineSayingWhy() throws Exception {
        String text = ColdBootFallback.run(live, Pattern.compile("done-42\\s+[^\\n]*[#$]$"), "snapshot-fallback");

        assertThat(text).startsWith("termpress: boot snapshot not used (sha256 mismatch); booting")
                .contains("hello from /srv as nobody");
    }
}
