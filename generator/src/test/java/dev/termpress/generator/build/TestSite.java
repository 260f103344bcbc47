package dev.termpress.generator.build;

import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.PublishedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
