package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.PublishedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small site written into a temporary directory from inline text, for tests. */
public final class TestSite {

    /** The minimal configuration with one image; boot snapshots off, {@link FakePublisher} publishing no real image. */
    public static final String CONFIG = "title: Test site\nimages:\n  busybox: images/busybox\n  unused: images/unused\n"
            + "snapshot: false\n";

    private final Path dir;

    public TestSite(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code text} to {@code path} below the site. */
    public TestSite file(String path, String text) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path out() {
        return dir.resolve("public");
    }

    /** Reads an output file. */
    public String output(String path) throws IOException {
        return Files.readString(out().resolve(path));
    }

    /** Builds a one-page site from {@code config} and {@code page} with {@link FakePublisher}; the page's HTML. */
    public String buildIndex(String config, String page) throws Exception {
        file("termpress.yaml", config).file("content/index.md", page);
        new SiteBuilder(new FakePublisher(), Progress.QUIET, false).build(BuildOptions.of(dir));
        return output("index.html");
    }

    /** Whether the opening tag of demo block {@code id}'s figure carries {@code attribute="true"}. */
    public static boolean figureFlag(String html, String id, String attribute) {
        Matcher figure = Pattern.compile("<figure class=\"tp-demo\" id=\"" + id + "\"[^>]*>").matcher(html);
        assertThat(figure.find()).as("figure %s", id).isTrue();
        return figure.group().contains(" " + attribute + "=\"true\"");
    }

    /** A publisher that writes a tiny descriptor and remembers what it was asked to publish. */
    public static final class FakePublisher implements ImagePublisher {
        public final List<String> published = new ArrayList<>();

        @Override
        public PublishedImage publish(dev.termpress.generator.image.ImageSpec spec, Path siteOutput) {
            published.add(spec.name());
            try {
                Path descriptor = siteOutput.resolve("images/" + spec.name() + ".json");
                Files.createDirectories(descriptor.getParent());
                Files.writeString(descriptor, "{\"name\":\"" + spec.name() + "\"}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new PublishedImage(spec.name(), "images/" + spec.name() + ".json", 1, 20);
        }
    }
}
