package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The boot snapshot's second part (the RAM pages fetched while the guest already runs) changed on the server
 * after the build: Run must neither hang nor run on without those pages, but boot cold with one line saying
 * why, and the block's settings still apply.
 */
class ColdPartFallbackTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(ColdPartFallbackTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.features();
        PublishedBlobs.corrupt(PublishedBlobs.named(site.output(), "busybox", "/snapshot/cold/digest"));
        return site;
    }

    @Test
    void aCorruptSecondPartBootsColdWithOneLineSayingWhy() throws Exception {
        String text = ColdBootFallback.run(live, Pattern.compile(
                "boot snapshot not used \\(its second part: sha256 mismatch\\); booting[\\s\\S]*done-42\\s+[^\\n]*[#$]$"),
                "cold-part-fallback");

        assertThat(text.substring(text.indexOf("boot snapshot not used"))).contains("hello from /srv as nobody");
    }
}
