package dev.termpress.sitetests;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.image.OciImagePublisher;
import java.nio.file.Files;
import java.nio.file.Path;

/** content-examples, built once per test JVM into a temporary directory below a sub-path. */
final class ExampleSite {

    /** The URL path the site is served under, to prove relative URLs work below the host's root. */
    static final String SUB_PATH = "/docs/tour/";

    private static Path root;

    private ExampleSite() {
    }

    /** The directory to serve; the site lies at {@link #SUB_PATH} inside it. */
    static synchronized Path servedRoot() throws Exception {
        if (root == null) {
            Path dir = Files.createTempDirectory("termpress-site-tests");
            Path out = dir.resolve(SUB_PATH.substring(1));
            Files.createDirectories(out.getParent());
            Path site = Path.of(System.getProperty("termpress.siteDir", "../content-examples")).toAbsolutePath();
            new SiteBuilder(new OciImagePublisher(), Progress.QUIET).build(new BuildOptions(site, out, null, false));
            root = dir;
        }
        return root;
    }
}
