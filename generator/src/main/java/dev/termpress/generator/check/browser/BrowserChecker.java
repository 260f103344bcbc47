package dev.termpress.generator.check.browser;

import com.microsoft.playwright.PlaywrightException;
import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.generator.check.CheckProgress;
import dev.termpress.generator.check.CheckReport;
import dev.termpress.generator.check.Doctest;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.registry.PullSettings;
import dev.termpress.generator.serve.DevServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code termpress check --browser}: builds the site into a temporary folder, serves it on a free
 * localhost port and runs the same {@link Doctest} as the JVM check, with every block in its page in
 * Chromium. Only this package touches Playwright; the command line loads it for {@code --browser} alone,
 * after {@link ChromiumLocator} and {@link PlaywrightJars} found nothing missing.
 */
public final class BrowserChecker {

    private final ImagePublisher publisher;
    private final Path chromium;
    private final CheckProgress progress;

    /**
     * @param publisher copies images into the built site
     * @param chromium the Chromium executable
     * @param progress told about each block as it starts
     */
    public BrowserChecker(ImagePublisher publisher, Path chromium, CheckProgress progress) {
        this.publisher = publisher;
        this.chromium = chromium;
        this.progress = progress;
    }

    /**
     * Builds {@code siteDir} and checks {@code demos} (read from it with the same drafts setting) in its pages.
     *
     * @throws BuildException when the site does not build
     * @throws BrowserCheckException when Chromium or the local server cannot run
     */
    public CheckReport check(Path siteDir, boolean drafts, List<Demo> demos) throws BuildException, BrowserCheckException {
        return check(siteDir, drafts, PullSettings.fromEnvironment(PullSettings.Mode.PINNED), demos);
    }

    /** As {@link #check(Path, boolean, List)}, pulling the site's registry images with {@code pull}. */
    public CheckReport check(Path siteDir, boolean drafts, PullSettings pull, List<Demo> demos)
            throws BuildException, BrowserCheckException {
        BuildFolder folder;
        try {
            folder = BuildFolder.create();
        } catch (IOException e) {
            throw new BrowserCheckException("cannot create a temporary folder for the built site: " + e.getMessage(), e);
        }
        try (folder) {
            Path output = folder.path().resolve("site");
            new SiteBuilder(publisher, Progress.QUIET).build(new BuildOptions(siteDir, output, null, drafts, pull));
            return checkServed(output, demos);
        }
    }

    private CheckReport checkServed(Path output, List<Demo> demos) throws BrowserCheckException {
        DevServer server;
        try {
            server = new DevServer(output, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
        } catch (IOException e) {
            throw new BrowserCheckException("cannot serve the built site on localhost: " + e.getMessage(), e);
        }
        try (server) {
            ChromiumSession session;
            try {
                session = ChromiumSession.launch(chromium);
            } catch (PlaywrightException e) {
                throw new BrowserCheckException("Chromium (" + chromium + ") did not start: "
                        + PlaywrightMessages.summary(e.getMessage()), e);
            }
            try (session) {
                // localhost, not 127.0.0.1: both are secure contexts, and the site tests use this name too.
                BrowserHost host = new BrowserHost(session.newPage(), "http://localhost:" + server.port() + "/");
                return new Doctest(host, progress).check(demos);
            }
        }
    }
}
