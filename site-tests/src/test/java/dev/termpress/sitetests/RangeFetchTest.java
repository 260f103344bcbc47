package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §3 step 2 in the browser: a file in a large gzip layer is read by fetching only the spans that hold
 * it (HTTP Range requests the serve command answers with 206), and a host that ignores Range still works
 * through the whole blob.
 */
class RangeFetchTest {

    private static LargeLayerImage image;

    @RegisterExtension
    static final LiveSite live = new LiveSite(RangeFetchTest::openSite);

    private static ServedSite openSite() throws Exception {
        image = LargeLayerImage.create();
        return ServedSite.buildOwned(image.siteDir());
    }

    /** One response for the large layer's blob: status, the Range asked for, bytes in the body. */
    private record Fetch(int status, String range, long bytes) {
    }

    @Test
    void aFileReadFetchesOnlyTheSpansHoldingIt() throws Exception {
        List<Fetch> fetches = new CopyOnWriteArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.onResponse(response -> record(response, fetches));
            LiveDemo demo = boot(context.newPage(), false);
            assertThat(fetches).as("booting busybox reads nothing in the large layer").isEmpty();

            check(demo, 17);
            check(demo, 18);
        }
        assertThat(fetches).isNotEmpty().allSatisfy(fetch -> {
            assertThat(fetch.status()).as("served as a byte range").isEqualTo(206);
            assertThat(fetch.range()).startsWith("bytes=");
        });
        long bytes = fetches.stream().mapToLong(Fetch::bytes).sum();
        System.out.printf("range fetch: 2 files of %d KB read with %d requests, %.2f MB of a %.2f MB layer%n",
                LargeLayerImage.FILE_BYTES / 1000, fetches.size(), bytes / 1e6, image.layerSize() / 1e6);
        assertThat(bytes).as("two 200 KB files need a few spans, not the %d-byte layer", image.layerSize())
                .isLessThan(image.layerSize() / 2);
    }

    @Test
    void aHostThatIgnoresRangeServesTheWholeBlob() throws Exception {
        List<Fetch> fetches = new CopyOnWriteArrayList<>();
        byte[] blob = blob();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.route("**/" + image.layerHex(), (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("application/octet-stream").setBodyBytes(blob)));
            bootAndCheck(context, 5, fetches);
        }
        assertThat(fetches).extracting(Fetch::status).contains(200).doesNotContain(206);
    }

    @Test
    void aCorruptSpanIsRejectedAndTheWholeBlobServesTheRead() throws Exception {
        List<Fetch> fetches = new CopyOnWriteArrayList<>();
        byte[] blob = blob();
        List<String> warnings;
        try (BrowserContext context = live.chromium().browser().newContext()) {
            answerRanges(context, (first, last) -> {
                byte[] part = Arrays.copyOfRange(blob, first, last + 1);
                part[part.length / 2] ^= 0x20; // the right length, the wrong bytes
                return partial(part, first, last, blob.length);
            });
            warnings = bootAndCheck(context, 30, fetches);
        }
        assertThat(fetches).extracting(Fetch::status).as("a span, then the whole blob").contains(206, 200);
        assertThat(String.join("\n", warnings)).contains("is corrupt").contains("fetching the whole layer instead");
    }

    @Test
    void aHostThatAnswersAnotherRangeServesTheWholeBlob() throws Exception {
        List<Fetch> fetches = new CopyOnWriteArrayList<>();
        byte[] blob = blob();
        List<String> warnings;
        try (BrowserContext context = live.chromium().browser().newContext()) {
            // The same number of bytes, from one byte further on, and saying so.
            answerRanges(context, (first, last) -> partial(Arrays.copyOfRange(blob, first + 1, last + 2), first + 1,
                    last + 1, blob.length));
            warnings = bootAndCheck(context, 12, fetches);
        }
        assertThat(fetches).extracting(Fetch::status).as("a span, then the whole blob").contains(206, 200);
        assertThat(String.join("\n", warnings)).as("not taken for a corrupt span").doesNotContain("is corrupt");
    }

    @Test
    void aLayerThatCannotBeHadEndsTheReadWithAClearError() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.route("**/" + image.layerHex(), (Route route) -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(503).setBody("down for maintenance")));
            LiveDemo demo = boot(context.newPage(), false);
            demo.type("md5sum " + LargeLayerImage.name(7) + "\n");
            demo.figure().locator(".tp-live-error").waitFor();
            assertThat(demo.error()).as("the span and then the whole blob were refused").contains("HTTP 503")
                    .contains(image.layerHex());
        }
    }

    @Test
    void aSecondVisitReadsSpansFromTheCache() throws Exception {
        List<Fetch> fetches = new CopyOnWriteArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            check(boot(page, false), 25);

            context.onResponse(response -> record(response, fetches));
            check(boot(page, true), 25);
        }
        assertThat(fetches).as("the spans came from the Cache API").isEmpty();
    }

    /** How a test host answers a Range request for bytes {@code first..last} of the large layer. */
    private interface RangeAnswer {
        Route.FulfillOptions answer(int first, int last);
    }

    private static byte[] blob() throws Exception {
        return Files.readAllBytes(live.site().output().resolve("images/blobs/sha256").resolve(image.layerHex()));
    }

    /** Range requests for the large layer get {@code answer}; whole-blob requests reach the server. */
    private static void answerRanges(BrowserContext context, RangeAnswer answer) {
        context.route("**/" + image.layerHex(), (Route route) -> {
            String range = route.request().headerValue("range");
            if (range == null) {
                route.resume();
                return;
            }
            String[] bounds = range.substring("bytes=".length()).split("-");
            route.fulfill(answer.answer(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])));
        });
    }

    private static Route.FulfillOptions partial(byte[] body, int first, int last, int total) {
        return new Route.FulfillOptions().setStatus(206).setBodyBytes(body).setContentType("application/octet-stream")
                .setHeaders(Map.of("Content-Range", "bytes " + first + "-" + last + "/" + total));
    }

    /** Boots the demo and checks the md5sum of large file {@code n}; returns what the worker logged. */
    private static List<String> bootAndCheck(BrowserContext context, int n, List<Fetch> fetches) {
        List<String> console = new CopyOnWriteArrayList<>();
        context.onResponse(response -> record(response, fetches));
        Page page = context.newPage();
        page.onWorker(worker -> worker.onConsole(message -> console.add(message.text())));
        check(boot(page, false), n);
        return console;
    }

    /** Opens the site (or, with {@code reload}, opens it again) and runs its demo to the prompt. */
    private static LiveDemo boot(Page page, boolean reload) {
        if (reload) {
            page.reload();
        } else {
            page.navigate(live.site().url(""));
        }
        LiveDemo demo = new LiveDemo(page, 0);
        demo.runToPrompt();
        return demo;
    }

    /** The guest's md5sum of large file {@code n} is the right one. */
    private static void check(LiveDemo demo, int n) {
        assertThat(demo.command("md5sum " + LargeLayerImage.name(n))).contains(LargeLayerImage.md5(n));
    }

    private static void record(Response response, List<Fetch> fetches) {
        if (!response.url().endsWith(image.layerHex())) {
            return;
        }
        String length = response.headerValue("content-length");
        String range = response.request().headerValue("range");
        fetches.add(new Fetch(response.status(), range, length == null ? 0 : Long.parseLong(length)));
    }
}
