package dev.termpress.generator.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gzip-coded bodies of a served site's files, kept per file and compressed again only when the file's
 * modification time or size changes: the runtime's wasm takes a noticeable time at the best ratio, too long to
 * spend on every request.
 */
public final class GzipCache {

    private record Entry(long modifiedMillis, long size, byte[] gzipped) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    /** {@code file}'s content, gzip-coded. */
    public byte[] gzipped(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        Entry entry = entries.get(file);
        if (entry == null || entry.modifiedMillis() != modified || entry.size() != attributes.size()) {
            byte[] content = Files.readAllBytes(file);
            entry = new Entry(modified, content.length, TransportCompression.gzip(content));
            entries.put(file, entry);
        }
        return entry.gzipped();
    }
}
