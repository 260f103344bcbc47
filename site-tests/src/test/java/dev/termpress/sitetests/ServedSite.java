package dev.termpress.sitetests;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.image.OciImagePublisher;
import dev.termpress.generator.serve.DevServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A site built by the generator into a temporary directory and served on localhost below a sub-path, so
 * every test also proves that the runtime's relative URLs work under a base path.
 */
final class ServedSite implements AutoCloseable {

    /** The URL path the site is served under. */
    static final String SUB_PATH = "/docs/tour/";
    /** Where {@link #build(Map)} writes the sources, beside the output in the same temporary folder. */
    private static final String SOURCE = "source";

    private final Path root;
    private final Path output;
    private final DevServer server;

    private ServedSite(Path root, Path output) throws Exception {
        this.root = root;
        this.output = output;
        this.server = new DevServer(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
    }

    /** Builds {@code siteDir} and serves it. */
    static ServedSite build(Path siteDir) throws Exception {
        return build(siteDir, false);
    }

    /** Builds {@code siteDir}, with its draft pages when {@code drafts}, and serves it. */
    static ServedSite build(Path siteDir, boolean drafts) throws Exception {
        return build(Files.createTempDirectory("termpress-site-tests"), siteDir, drafts);
    }

    private static ServedSite build(Path root, Path siteDir, boolean drafts) throws Exception {
        Path output = root.resolve(SUB_PATH.substring(1));
        Files.createDirectories(output.getParent());
        new SiteBuilder(new OciImagePublisher(), Progress.QUIET)
                .build(new BuildOptions(siteDir.toAbsolutePath(), output, null, drafts));
        return new ServedSite(root, output);
    }

    /**
     * Builds a site written from {@code files} (path to text, e.g. {@code termpress.yaml}) and serves it.
     * The sources live in the same temporary folder as the output, so {@link #close} removes both.
     */
    static ServedSite build(Map<String, String> files) throws Exception {
        Path source = newSourceFolder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = source.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return buildOwned(source);
    }

    /** A folder for a test's site sources, in a new temporary folder that {@link #buildOwned} will also use. */
    static Path newSourceFolder() throws IOException {
        return Files.createTempDirectory("termpress-site-tests").resolve(SOURCE);
    }

    /** Builds and serves the site in {@code source}, made by {@link #newSourceFolder}; {@link #close} removes both. */
    static ServedSite buildOwned(Path source) throws Exception {
        return buildOwned(source, false);
    }

    /** The same, with the draft pages when {@code drafts}. */
    static ServedSite buildOwned(Path source, boolean drafts) throws Exception {
        return build(source.getParent(), source, drafts);
    }

    /** content-examples. */
    static ServedSite examples() throws Exception {
        return build(examplesDir());
    }

    /** The feature site the browser tests share (system property {@code termpress.features}). */
    static ServedSite features() throws Exception {
        return build(Path.of(System.getProperty("termpress.features", "src/test/sites/features")));
    }

    /** Where content-examples is (system property {@code termpress.examples}). */
    static Path examplesDir() {
        return Path.of(System.getProperty("termpress.examples", "../content-examples"));
    }

    /** The built site's files. */
    Path output() {
        return output;
    }

    /** The absolute URL of a page path such as {@code basics/files/}. */
    String url(String page) {
        return "http://localhost:" + server.port() + SUB_PATH + page;
    }

    /** Stops serving and deletes the built site (a Debian site holds some 50 MB of blobs). */
    @Override
    public void close() {
        server.close();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete the test site " + root + ": " + e.getMessage());
        }
    }
}
