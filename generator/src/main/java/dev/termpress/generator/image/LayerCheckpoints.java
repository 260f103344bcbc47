package dev.termpress.generator.image;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.deflate.CheckpointFinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Finds a published gzip layer's inflate checkpoints (DESIGN §3, step 2; docs/layer-index.md) so the
 * browser can fetch just the spans holding the files it reads.
 */
final class LayerCheckpoints {

    /**
     * Compressed bytes between checkpoints. Each span costs its 32 KiB window in the index (fetched before
     * boot); a file read costs on average half a span more than the file. 1 MiB keeps the windows near 3 %
     * of the blob and the waste per read near the size of a typical library.
     */
    static final long SPACING = 1 << 20;
    /** Below this the whole blob is about one span anyway: no checkpoints, the runtime fetches it whole. */
    static final long WHOLE_BLOB_BELOW = 2 * SPACING;

    private static final int READ_BUFFER = 1 << 16;

    private LayerCheckpoints() {
    }

    /**
     * The checkpoints of the gzip blob at {@code blob} whose uncompressed sha256 is {@code diffId}, or null
     * when the blob is small or has several gzip members (then the runtime reads it whole).
     *
     * @throws ImageException if our own inflater disagrees with the verified diff_id (a bug, never silently)
     */
    static InflateCheckpoints find(Path blob, Digest diffId, String where) throws ImageException, IOException {
        long size = Files.size(blob);
        if (size < WHOLE_BLOB_BELOW) {
            return null;
        }
        MessageDigest inflated = Digest.newSha256();
        CheckpointFinder.Found found;
        try (InputStream in = Files.newInputStream(blob)) {
            found = CheckpointFinder.find(in, SPACING, inflated::update, where);
        } catch (ImageFormatException e) {
            throw new ImageException(where + ": cannot find inflate checkpoints: " + e.getMessage(), e);
        }
        if (found.moreMembers()) {
            return null;
        }
        Digest digest = Digest.of(inflated.digest());
        if (!digest.equals(diffId)) {
            throw new ImageException(where + ": inflating the layer for its checkpoints gave " + digest
                    + ", not its diff_id " + diffId + " (a termpress bug; please report it)");
        }
        try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
            return found.checkpoints(size, (from, to) -> sha256(channel, from, to));
        }
    }

    private static byte[] sha256(FileChannel channel, long from, long to) throws IOException {
        MessageDigest sha256 = Digest.newSha256();
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        long at = from;
        while (at < to) {
            buffer.clear().limit((int) Math.min(READ_BUFFER, to - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the blob ended at byte " + at + ", before " + to);
            }
            buffer.flip();
            sha256.update(buffer);
            at += n;
        }
        return sha256.digest();
    }
}
