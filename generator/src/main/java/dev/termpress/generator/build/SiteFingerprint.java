package dev.termpress.generator.build;

import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.theme.Theme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an incremental build cannot follow file by file: the settings ({@code termpress.yaml},
 * {@code termpress.lock}) by content, and the theme overrides, static files and content assets by name,
 * size and modification time (nanoseconds). When it changes, {@link IncrementalBuilder} builds clean.
 *
 * @param config {@code termpress.yaml}'s bytes (as Latin-1 text, so any bytes compare), or empty when missing
 * @param lock {@code termpress.lock}'s bytes likewise
 * @param files one "kind/path size mtime" line per theme, static and content-asset file, sorted
 */
record SiteFingerprint(String config, String lock, List<String> files) {

    static final String LOCK_FILE = "termpress.lock";

    /** The fingerprint of the site in {@code siteDir} as it is now. */
    static SiteFingerprint of(Path siteDir) throws IOException {
        List<String> files = new ArrayList<>();
        list(siteDir, Theme.SITE_THEME_DIR, files, false);
        list(siteDir, LoadStep.STATIC_DIR, files, false);
        list(siteDir, ContentLoader.CONTENT_DIR, files, true);
        return new SiteFingerprint(read(siteDir.resolve("termpress.yaml")), read(siteDir.resolve(LOCK_FILE)),
                List.copyOf(files));
    }

    private static String read(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Adds the files below {@code siteDir/name}; for content, only its assets (pages are followed one by one). */
    private static void list(Path siteDir, String name, List<String> out, boolean assetsOnly) throws IOException {
        Path root = siteDir.resolve(name);
        if (!Files.isDirectory(root)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(path -> {
                String relative = ContentLoader.slashes(root.relativize(path));
                if (assetsOnly && (relative.endsWith(".md") || hidden(relative))) {
                    return;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        lines.add(name + "/" + relative + " " + attributes.size() + " "
                                + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                    }
                } catch (NoSuchFileException e) {
                    // Deleted while listed: the next fingerprint sees the settled state.
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        lines.sort(null);
        out.addAll(lines);
    }

    /** As {@link ContentLoader}: a name starting with a dot anywhere in the path is not part of the site. */
    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
