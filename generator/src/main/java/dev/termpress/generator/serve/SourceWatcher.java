package dev.termpress.generator.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Notices changes to a site's sources by comparing a fingerprint of names, sizes and modification
 * times. Polling (rather than WatchService) covers nested and newly created folders the same way on
 * every platform, and costs little for sites of a few thousand files.
 */
public final class SourceWatcher {

    /** What is watched inside a site directory. */
    public static final List<String> WATCHED = List.of("termpress.yaml", "content", "static", "theme");

    private final Path siteDir;
    private long last;

    public SourceWatcher(Path siteDir) {
        this.siteDir = siteDir;
        this.last = fingerprint();
    }

    /** Whether anything changed since the previous call (or since construction). */
    public boolean changed() {
        long now = fingerprint();
        boolean changed = now != last;
        last = now;
        return changed;
    }

    long fingerprint() {
        long hash = 17;
        for (String name : WATCHED) {
            Path path = siteDir.resolve(name);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : (Iterable<Path>) walk.sorted()::iterator) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    hash = hash * 31 + file.toString().hashCode();
                    hash = hash * 31 + attributes.size();
                    hash = hash * 31 + attributes.lastModifiedTime().toMillis();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A file vanished mid-walk: it changed, and the next poll sees the settled state.
                hash = hash * 31 + System.nanoTime();
            }
        }
        return hash;
    }
}
