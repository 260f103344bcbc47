package dev.termpress.generator.init;

import dev.termpress.generator.resources.ClasspathTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a new site: settings, a first page with a demo block, a GitHub Pages workflow, .gitignore, and the busybox image. */
public final class SiteScaffold {

    private static final String RESOURCES = "dev/termpress/generator/init/";
    /** The example image bundled into the jar from content-examples/images, if the build had it. */
    private static final String BUNDLED_IMAGES = RESOURCES + "images";

    private final ClassLoader loader = SiteScaffold.class.getClassLoader();

    /** What {@link #create} wrote. */
    public record Created(List<Path> files, boolean imageIncluded) {}

    /**
     * Creates a site in {@code dir}.
     *
     * @param title the site title
     * @param release the termpress the Pages workflow installs
     * @throws IllegalStateException naming the files that already exist, if any would be overwritten
     */
    public Created create(Path dir, String title, TermpressRelease release) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("termpress.yaml", text("termpress.yaml", title, release));
        files.put("content/index.md", text("index.md", title, release));
        files.put(".github/workflows/pages.yml", text("pages.yml", title, release));
        files.put(".gitignore", text("gitignore", title, release));
        List<String> images = ClasspathTree.list(loader, BUNDLED_IMAGES);
        for (String image : images) {
            files.put("images/" + image, bytes(BUNDLED_IMAGES + "/" + image));
        }
        List<String> existing = files.keySet().stream().filter(f -> Files.exists(dir.resolve(f))).toList();
        if (!existing.isEmpty()) {
            throw new IllegalStateException("would overwrite " + String.join(", ", existing) + " in " + dir);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            written.add(target);
        }
        return new Created(written, !images.isEmpty());
    }

    private byte[] text(String name, String title, TermpressRelease release) {
        String text = new String(bytes(RESOURCES + name), StandardCharsets.UTF_8)
                .replace("@TITLE@", title.replace("\\", "\\\\").replace("\"", "\\\""))
                .replace("@VERSION@", release.version())
                .replace("@JAR_SHA256@", release.jarSha256() == null ? "" : release.jarSha256());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bytes(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
