package dev.termpress.generator.build;

import dev.termpress.generator.content.ContentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Page texts kept between incremental builds, so that an edit to one page reads one file: a text is reused
 * while its file's size and modification time are those it was read with. As git does for its index, a file
 * modified shortly before it was read is read again next time: a second write within the file system's
 * timestamp granularity could otherwise keep size and time and go unseen.
 */
final class SourceTexts implements ContentLoader.TextReader {

    /** Well above any file system's timestamp granularity (ext4 and tmpfs tick at a few ms, FAT at 2 s). */
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(3);

    private record Known(long size, long modified, String text) {}

    private final Map<Path, Known> known = new ConcurrentHashMap<>();

    @Override
    public String read(Path file) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = before.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Known k = known.get(file);
        if (k != null && k.size == before.size() && k.modified == modified) {
            return k.text;
        }
        long readAt = System.currentTimeMillis() * 1_000_000L;
        String text = ContentLoader.readText(file);
        if (readAt - modified > RACY_NANOS) {
            known.put(file, new Known(before.size(), modified, text));
        } else {
            known.remove(file);
        }
        return text;
    }

    /** Forgets files that are no longer pages. */
    void retainOnly(java.util.Collection<Path> files) {
        known.keySet().retainAll(new java.util.HashSet<>(files));
    }
}
