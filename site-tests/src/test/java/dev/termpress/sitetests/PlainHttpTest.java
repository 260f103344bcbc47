package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A site on a plain-http host that is not localhost: the page is no secure context, so there is no
 * SubtleCrypto (and no Cache API). Blobs and spans are still verified, by the runtime's own SHA-256.
 */
class PlainHttpTest {

    /** Chromium resolves this name to the loopback address; the origin stays insecure. */
    private static final String HOST = "plain.termpress.test";

    private static LargeLayerImage image;
    private static ServedSite site;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Chromium.executable());
        assumeTrue(present || Boolean.getBoolean("termpress.requireChromium"), "no Chromium; browser tests skipped");
        image = LargeLayerImage.create();
        site = ServedSite.buildOwned(image.siteDir());
        List<String> flags = new ArrayList<>(Chromium.FLAGS);
        flags.add("--host-resolver-rules=MAP " + HOST + " 127.0.0.1");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Chromium.executable()).setHeadless(true).setArgs(flags));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            playwright.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void blobsAndSpansAreVerifiedWithoutSubtleCrypto() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(insecureUrl());
            assertThat(page.evaluate("() => [window.isSecureContext, !!(self.crypto && self.crypto.subtle)]"))
                    .as("the precondition: an insecure page without SubtleCrypto").isEqualTo(List.of(false, false));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("uname -m")).contains("riscv64");
            assertThat(demo.command("md5sum " + LargeLayerImage.name(9))).contains(LargeLayerImage.md5(9));
        }
    }

    @Test
    void aCorruptBlobIsCaughtWithoutSubtleCrypto() throws Exception {
        Path blobs = site.output().resolve("images/blobs/sha256");
        String busybox = "d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19";
        byte[] corrupt = Files.readAllBytes(blobs.resolve(busybox));
        corrupt[corrupt.length / 2] ^= 0x55; // same size: only the digest can tell
        try (BrowserContext context = browser.newContext()) {
            context.route("**/" + busybox, (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("application/octet-stream").setBodyBytes(corrupt)));
            Page page = context.newPage();
            page.navigate(insecureUrl());
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");
            demo.figure().locator(".tp-live-error").waitFor();
            assertThat(demo.error()).contains("is corrupt").contains("sha256");
        }
    }

    private static String insecureUrl() {
        return site.url("").replace("//localhost:", "//" + HOST + ":");
    }
}
