package dev.termpress.sitetests;

import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.microsoft.playwright.BrowserType;

/** Debian's Chromium under Playwright, started without Playwright's own browser download. */
final class Browser {

    /** Flags for a sandboxed CI machine with no network beyond localhost (DEVELOPERS.md). */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    private Browser() {
    }

    /** The Chromium executable the tests use (system property {@code termpress.chromium}). */
    static Path executable() {
        return Path.of(System.getProperty("termpress.chromium", "/usr/bin/chromium"));
    }

    static boolean available() {
        return Files.isExecutable(executable());
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static com.microsoft.playwright.Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true)
                .setArgs(FLAGS));
    }
}
