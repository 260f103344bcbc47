package dev.termpress.sitetests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's Chromium driven by Playwright, without Playwright's own browser download. */
final class Chromium implements AutoCloseable {

    /** Flags for a machine with no network beyond localhost and no display (DESIGN §6). */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true)
                .setArgs(flags()));
    }

    /** {@link #FLAGS}, plus V8's flags from {@code termpress.chromium.jsFlags} (e.g. {@code --no-liftoff}) when set. */
    static List<String> flags() {
        String js = System.getProperty("termpress.chromium.jsFlags", "").trim();
        if (js.isEmpty()) {
            return FLAGS;
        }
        List<String> flags = new java.util.ArrayList<>(FLAGS);
        flags.add("--js-flags=" + js);
        return flags;
    }

    /**
     * Starts Chromium; skips the calling test class when there is none, unless {@code termpress.requireChromium}
     * is set (CI), where a missing browser must fail.
     */
    static Chromium start() {
        boolean present = Files.isExecutable(executable());
        if (!present && Boolean.getBoolean("termpress.requireChromium")) {
            throw new IllegalStateException("no Chromium at " + executable()
                    + " (set -Dtermpress.chromium=PATH, or install Debian's chromium package)");
        }
        assumeTrue(present, "no Chromium at " + executable() + "; browser tests skipped");
        return new Chromium();
    }

    /** Starts Chromium outside JUnit (the benchmark); fails with a clear message when there is none. */
    static Chromium launch() {
        if (!Files.isExecutable(executable())) {
            throw new IllegalStateException("no Chromium at " + executable()
                    + " (set -Dtermpress.chromium=PATH, or install Debian's chromium package)");
        }
        return new Chromium();
    }

    static Path executable() {
        return Path.of(System.getProperty("termpress.chromium", "/usr/bin/chromium"));
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
