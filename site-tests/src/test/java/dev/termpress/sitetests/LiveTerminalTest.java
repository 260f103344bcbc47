package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.termpress.generator.serve.DevServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example site in Chromium: Run boots the busybox image to a shell that answers commands. */
class LiveTerminalTest {

    private static final double BOOT_TIMEOUT_MILLIS = 120_000;
    private static final double COMMAND_TIMEOUT_MILLIS = 30_000;

    private static DevServer server;
    private static Playwright playwright;
    private static com.microsoft.playwright.Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.available(), "no Chromium at " + Browser.executable());
        server = new DevServer(ExampleSite.servedRoot(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
        playwright = Browser.playwright();
        browser = Browser.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String url(String page) {
        return "http://localhost:" + server.port() + ExampleSite.SUB_PATH + page;
    }

    @Test
    void runBootsToAShellThatAnswers() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.onConsoleMessage(message -> System.out.println("console: " + message.text()));
            page.navigate(url(""));
            Locator demo = page.locator("figure.tp-demo").first();
            demo.locator(".tp-run").click();
            long started = System.nanoTime();
            Locator rows = demo.locator(".xterm-rows");
            rows.filter(new Locator.FilterOptions().setHasText("#")).waitFor(
                    new Locator.WaitForOptions().setTimeout(BOOT_TIMEOUT_MILLIS));
            System.out.printf("Run to prompt: %.2f s%n", (System.nanoTime() - started) / 1e9);
            demo.locator(".xterm-helper-textarea").pressSequentially("uname -m\n");
            rows.filter(new Locator.FilterOptions().setHasText("riscv64")).waitFor(
                    new Locator.WaitForOptions().setTimeout(COMMAND_TIMEOUT_MILLIS));
            assertThat(demo.getAttribute("data-state")).isEqualTo("running");
            Path shots = Path.of(System.getProperty("termpress.artifacts", "target/site-test-artifacts"));
            Files.createDirectories(shots);
            demo.screenshot(new Locator.ScreenshotOptions().setPath(shots.resolve("busybox-uname.png")));
        }
    }
}
