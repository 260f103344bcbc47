package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files from the page in Chromium: a demo block resumed from the boot snapshot reads a file block's file and its
 * {@code files=DIR} folder with {@code cat}; the file block is highlighted in both colour schemes, Copy and
 * Download give its exact bytes.
 */
class PageFilesTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    private static final String APP = "def greet(name):\n    return \"hi \" + name  # says hi\n";

    @RegisterExtension
    static final LiveSite live = new LiveSite(PageFilesTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Page files\nimages:\n  busybox: " + BUSYBOX + "\n");
        files.put("content/index.md", """
                # A lesson

                The program of this lesson:

                ```file path=/workspace/app.py
                def greet(name):
                    return "hi " + name  # says hi
                ```

                ```container image=busybox workdir=/workspace files=project autorun=false
                $ cat app.py notes/todo.txt
                ```
                """);
        files.put("content/project/notes/todo.txt", "feed the cat\n");
        return ServedSite.build(files);
    }

    @Test
    void theDemoReadsTheFileBlockAndTheFolderWithCat() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.figure().getAttribute("data-boot")).as("resumed from the boot snapshot").isEqualTo("snapshot");
            assertThat(demo.command("cat /workspace/app.py")).contains("return \"hi \" + name  # says hi");
            assertThat(demo.command("cat notes/todo.txt; pwd")).contains("feed the cat").contains("/workspace");
            assertThat(demo.command("echo more >> app.py; tail -n 1 app.py")).as("the file is the reader's to change")
                    .contains("more");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void theFileBlockIsHighlightedInBothSchemesAndCopiesAndDownloadsItsBytes() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext(new com.microsoft.playwright.Browser
                .NewContextOptions().setAcceptDownloads(true).setViewportSize(1100, 700))) {
            context.grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            Locator file = page.locator("figure.tp-file");
            assertThat(file.locator(".tp-file-path").textContent()).isEqualTo("/workspace/app.py");
            Locator keyword = file.locator(".hl-keyword").first();
            assertThat(keyword.textContent()).isEqualTo("def");
            String plain = color(file.locator("pre code"));
            String lightKeyword = color(keyword);
            String lightHeader = background(file.locator(".tp-file-header"));
            assertThat(lightKeyword).isNotEqualTo(plain);
            screenshot(file, "page-file-light");

            file.locator(".tp-copy").click();
            // The label changes once the clipboard's promise resolves, which a loaded machine delays past the click.
            page.waitForFunction("() => document.querySelector('figure.tp-file .tp-copy').textContent === 'Copied'");
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(APP);

            Download download = page.waitForDownload(() -> file.locator(".tp-download").click());
            assertThat(download.suggestedFilename()).isEqualTo("app.py");
            assertThat(Files.readString(download.path())).isEqualTo(APP);

            page.locator(".tp-theme-toggle").click();
            assertThat(page.locator("html").getAttribute("data-theme")).isEqualTo("dark");
            assertThat(color(keyword)).isNotEqualTo(lightKeyword).isNotEqualTo(color(file.locator("pre code")));
            assertThat(background(file.locator(".tp-file-header"))).isNotEqualTo(lightHeader);
            screenshot(file, "page-file-dark");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aCorruptFileBlobStopsTheRunWithItsPath() throws Exception {
        String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(APP.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        byte[] corrupt = APP.replace("hi", "ho").getBytes(java.nio.charset.StandardCharsets.UTF_8); // same size
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.route("**/images/blobs/sha256/" + hex, route -> route.fulfill(new com.microsoft.playwright.Route
                    .FulfillOptions().setStatus(200).setContentType("application/octet-stream").setBodyBytes(corrupt)));
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");
            demo.figure().locator(".tp-live-error").waitFor();
            assertThat(demo.error()).contains("/workspace/app.py").contains("sha256");
        }
    }

    private static String color(Locator element) {
        return (String) element.evaluate("el => getComputedStyle(el).color");
    }

    private static String background(Locator element) {
        return (String) element.evaluate("el => getComputedStyle(el).backgroundColor");
    }

    private static void screenshot(Locator element, String name) throws Exception {
        Path dir = Path.of(System.getProperty("termpress.artifacts", "target/site-test-artifacts"));
        Files.createDirectories(dir);
        element.scrollIntoViewIfNeeded();
        element.screenshot(new Locator.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
