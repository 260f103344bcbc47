package dev.termpress.generator.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a layer blob as a tar stream (image-spec layer.md) while it is being verified: rejects
 * entries that would land outside the root filesystem and hashes the uncompressed bytes.
 */
final class LayerScanner {

    private LayerScanner() {}

    /**
     * Consumes {@code blob} through its end; {@code where} names the blob for messages.
     *
     * @throws ImageException for an unsafe entry name or a stream that is not a (compressed) tar
     */
    static LayerFacts scan(InputStream blob, Compression compression, String where) throws ImageException {
        return scan(blob, compression, where, OutputStream.nullOutputStream());
    }

    /** As {@link #scan(InputStream, Compression, String)}, copying the uncompressed tar to {@code uncompressedCopy}. */
    static LayerFacts scan(InputStream blob, Compression compression, String where, OutputStream uncompressedCopy)
            throws ImageException {
        try {
            InputStream plain = compression == Compression.GZIP ? new GzipCompressorInputStream(blob, true) : blob;
            HashingInputStream uncompressed = new HashingInputStream(plain, uncompressedCopy);
            TarArchiveInputStream tar = new TarArchiveInputStream(uncompressed);
            int entries = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries++;
                check(entry, where);
            }
            uncompressed.drain();
            return new LayerFacts(uncompressed.digest(), uncompressed.count(), entries);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(where + ": not a valid " + (compression == Compression.GZIP ? "gzip-compressed " : "")
                    + "tar layer (" + e.getMessage() + "); expected the layer media type's format", e);
        }
    }

    private static void check(TarArchiveEntry entry, String where) throws ImageException {
        String problem = EntryNames.problem(entry.getName());
        if (problem == null && entry.isLink()) {
            String target = EntryNames.problem(entry.getLinkName());
            problem = target == null ? null : "is a hard link whose target \"" + entry.getLinkName() + "\" " + target;
        }
        if (problem != null) {
            throw new ImageException(where + ": layer entry \"" + entry.getName() + "\" " + problem
                    + "; layer entries must be relative paths inside the root filesystem");
        }
    }
}
