package dev.termpress.generator.image;

import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.generator.paths.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The site's {@code images/blobs/sha256/} directory: each blob written once, shared between images,
 * always through a temporary file and a rename so no reader ever sees half a blob.
 */
final class SiteBlobStore {

    /** Relative to the site root; the descriptor's blob URLs are relative to {@code images/}. */
    static final String IMAGES_DIR = "images";
    static final String BLOBS_DIR = "blobs/sha256";
    /** Layer indexes (docs/layer-index.md), named by the sha256 of their bytes. */
    static final String INDEXES_DIR = "indexes/sha256";

    private final Path directory;
    private final Path indexes;
    private int blobsWritten;
    private long bytesWritten;

    SiteBlobStore(Path siteOutput) {
        this.directory = siteOutput.resolve(IMAGES_DIR).resolve(BLOBS_DIR);
        this.indexes = siteOutput.resolve(IMAGES_DIR).resolve(INDEXES_DIR);
    }

    int blobsWritten() {
        return blobsWritten;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /** A blob already published (by this or an earlier image) has the expected size. */
    private boolean present(Descriptor descriptor) {
        Path path = directory.resolve(descriptor.digest().hex());
        try {
            return Files.isRegularFile(path) && Files.size(path) == descriptor.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Publishes an already verified small blob. */
    void putVerified(Descriptor descriptor, byte[] bytes) throws IOException {
        if (present(descriptor)) {
            return;
        }
        AtomicFiles.write(directory.resolve(descriptor.digest().hex()), bytes);
        counted(descriptor);
    }

    /**
     * Streams a layer from the source, verifying size and sha256, scanning its tar entries and
     * building its {@code LayerIndex} on the way; writes the blob only if the site does not have it
     * yet, and the index under {@link #INDEXES_DIR}, with inflate checkpoints for a large gzip blob
     * ({@link LayerCheckpoints}) and their windows file next to it. Nothing is left behind on failure.
     */
    LayerFacts putLayer(ImageSource source, Descriptor layer, Compression compression)
            throws ImageException, IOException {
        String where = source.locate(layer.digest());
        boolean write = !present(layer);
        Path temp = write ? temporary(layer) : null;
        try (InputStream raw = source.openBlob(layer.digest());
                OutputStream out = write ? Files.newOutputStream(temp) : OutputStream.nullOutputStream();
                LayerIndexer indexer = new LayerIndexer(where)) {
            HashingInputStream verified = new HashingInputStream(raw, out);
            LayerFacts facts;
            try {
                facts = LayerScanner.scan(verified, compression, where, indexer.sink());
            } catch (ImageException e) {
                // A corrupt blob usually breaks the tar too; the digest is the clearer message then.
                verified.drain();
                Verification.check(where, layer, verified.count(), verified.digest());
                throw e;
            }
            verified.drain();
            Verification.check(where, layer, verified.count(), verified.digest());
            LayerIndex index = indexer.finish(where);
            out.close();
            if (write) {
                commit(temp, layer);
            }
            if (compression == Compression.GZIP) {
                LayerCheckpoints.Found found = LayerCheckpoints.find(blobPath(layer), facts.diffId(), where);
                if (found != null) {
                    putIndex(found.windowsFile()); // before the index that names it
                    index = index.withCheckpoints(found.checkpoints());
                }
            }
            return facts.withIndex(putIndex(indexFile(index)));
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * The published form of an index: its bytes, gzip-compressed when it carries checkpoints (format
     * version 2, whose readers all gunzip; version 1 stays as older runtimes read it), so a reader tells
     * the two apart by the gzip magic.
     */
    static byte[] indexFile(LayerIndex index) throws IOException {
        byte[] bytes = index.toBytes();
        if (index.checkpoints() == null) {
            return bytes;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return compressed.toByteArray();
    }

    private Path blobPath(Descriptor descriptor) {
        return directory.resolve(descriptor.digest().hex());
    }

    /** Writes an index (or a windows file) under its own sha256 unless it is there already; returns that digest. */
    private Digest putIndex(byte[] bytes) throws IOException {
        MessageDigest sha256 = Digest.newSha256();
        Digest digest = Digest.of(sha256.digest(bytes));
        Path target = indexes.resolve(digest.hex());
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return digest;
        }
        AtomicFiles.write(target, bytes);
        return digest;
    }

    private Path temporary(Descriptor descriptor) throws IOException {
        return AtomicFiles.temporaryFor(directory.resolve(descriptor.digest().hex()));
    }

    private void commit(Path temp, Descriptor descriptor) throws IOException {
        AtomicFiles.moveInto(temp, directory.resolve(descriptor.digest().hex()));
        counted(descriptor);
    }

    private void counted(Descriptor descriptor) {
        blobsWritten++;
        bytesWritten += descriptor.size();
    }
}
