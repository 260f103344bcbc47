package dev.termpress.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Boots every demo block and compares what its commands print with the page, as
 * {@code termpress check}; a mismatch fails the build with {@code file:line} messages.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends SiteMojo {

    /** Also run the demos in the built pages in a headless Chromium (Playwright). */
    @Parameter(property = "termpress.browser", defaultValue = "false")
    boolean browser;

    /** The Chromium executable for {@code browser}; default as {@code termpress check --browser}. */
    @Parameter(property = "termpress.chromium")
    String chromium;

    @Override
    String verb() {
        return "check";
    }

    @Override
    void addOptions(List<String> args) {
        if (browser) {
            args.add("--browser");
            if (chromium != null && !chromium.isBlank()) {
                args.add("--chromium");
                args.add(chromium);
            }
        }
    }
}
