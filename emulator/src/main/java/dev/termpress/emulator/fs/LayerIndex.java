package dev.termpress.emulator.fs;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the filesystem needs to know about one layer before its bytes arrive: each entry's
 * metadata and where its content lies in the uncompressed tar stream. Built once from the tar
 * ({@link #build}) and shipped in the compact form of {@link #toBytes} (see {@link IndexCodec}).
 */
public final class LayerIndex {

    private final List<IndexEntry> entries;
    private final long streamLength;
    private final InflateCheckpoints checkpoints;

    /** An index over {@code entries} (in tar order) of a stream of {@code streamLength} bytes. */
    public LayerIndex(List<IndexEntry> entries, long streamLength) {
        this(entries, streamLength, null);
    }

    /** As {@link #LayerIndex(List, long)}, with the blob's inflate checkpoints ({@code null}: none). */
    public LayerIndex(List<IndexEntry> entries, long streamLength, InflateCheckpoints checkpoints) {
        this.entries = Collections.unmodifiableList(entries);
        this.streamLength = streamLength;
        this.checkpoints = checkpoints;
    }

    /** The same index with {@code checkpoints} of the layer's gzip blob (format version 2). */
    public LayerIndex withCheckpoints(InflateCheckpoints checkpoints) {
        return new LayerIndex(entries, streamLength, checkpoints);
    }

    /**
     * Where the layer's gzip blob can be read from the middle (DESIGN §3, step 2), or {@code null} when the
     * index has none (format version 1, a small or uncompressed layer): then only the whole blob will do.
     */
    public InflateCheckpoints checkpoints() {
        return checkpoints;
    }

    /**
     * Reads a whole uncompressed layer tar and indexes it.
     *
     * @throws ImageFormatException if the tar is malformed or has hostile entries (absolute paths,
     *     {@code ..}, entries below a symlink of the same layer)
     */
    public static LayerIndex build(TarInput tar) throws ImageFormatException {
        TarReader reader = new TarReader(tar);
        List<IndexEntry> entries = reader.readAll();
        rejectPathsThroughSymlinks(entries);
        return new LayerIndex(entries, reader.position());
    }

    /** Decodes the form written by {@link #toBytes}. */
    public static LayerIndex fromBytes(byte[] bytes) throws ImageFormatException {
        return IndexCodec.decode(bytes);
    }

    /** The compact serialised form: a few bytes per entry plus the path suffixes. */
    public byte[] toBytes() {
        return IndexCodec.encode(this);
    }

    /** The entries in tar order. */
    public List<IndexEntry> entries() {
        return entries;
    }

    /** Bytes of the uncompressed stream covered by the index (up to the end-of-archive marker). */
    public long streamLength() {
        return streamLength;
    }

    /** Extracting {@code link/x} after a symlink {@code link} would write wherever the link points. */
    private static void rejectPathsThroughSymlinks(List<IndexEntry> entries) throws ImageFormatException {
        Set<String> symlinks = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            IndexEntry entry = entries.get(i);
            if (!symlinks.isEmpty()) {
                String ancestor = TarPaths.parent(entry.path());
                while (!ancestor.isEmpty()) {
                    if (symlinks.contains(ancestor)) {
                        throw new ImageFormatException("tar entry " + i + " ('" + entry.path()
                                + "') lies below the symlink '" + ancestor
                                + "' of the same layer; entries must not be written through symlinks");
                    }
                    ancestor = TarPaths.parent(ancestor);
                }
            }
            if (entry.kind() == EntryKind.SYMLINK) {
                symlinks.add(entry.path());
            } else {
                symlinks.remove(entry.path());
            }
        }
    }
}
