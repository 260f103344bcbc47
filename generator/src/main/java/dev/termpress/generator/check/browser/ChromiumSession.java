package dev.termpress.generator.check.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A headless Chromium driven by Playwright; Playwright never downloads a browser of its own. */
final class ChromiumSession implements AutoCloseable {

    /** For a machine with no display and no network beyond localhost: no sandbox, GPU, updates or sync. */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--headless", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    /** A laptop-sized window, so terminals get the width readers usually have. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private final Playwright playwright;
    private final Browser browser;

    private ChromiumSession(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts {@code executable}. */
    static ChromiumSession launch(Path executable) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(FLAGS));
            return new ChromiumSession(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh tab. */
    Page newPage() {
        return browser.newPage(new Browser.NewPageOptions().setViewportSize(WIDTH, HEIGHT));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } catch (PlaywrightException e) {
            // a browser that crashed is closed already
        } finally {
            playwright.close();
        }
    }
}
