package dev.termpress.sitetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The cold-boot baseline of a site: the same pages and images with {@code snapshot: false} added to its
 * {@code termpress.yaml}, so its descriptors name no boot snapshot and every Run boots the kernel. The copy
 * holds the config and the content; {@code images} is a link to the original's, so both sites publish the
 * same image bytes.
 */
final class BaselineSite {

    private BaselineSite() {
    }

    /** Builds and serves the baseline of {@code site} (with its drafts when {@code drafts}). */
    static ServedSite build(Path site, boolean drafts) throws Exception {
        Path source = ServedSite.newSourceFolder();
        Files.createDirectories(source);
        String config = Files.readString(site.resolve("termpress.yaml"));
        if (config.lines().anyMatch(line -> line.startsWith("snapshot:"))) {
            throw new IllegalStateException(site + "/termpress.yaml sets snapshot: itself; the baseline needs it unset");
        }
        Files.writeString(source.resolve("termpress.yaml"), config + "\n# the benchmark's cold-boot baseline\nsnapshot: false\n");
        copyTree(site.resolve("content"), source.resolve("content"));
        Files.createSymbolicLink(source.resolve("images"), site.resolve("images").toAbsolutePath());
        return ServedSite.buildOwned(source, drafts);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
