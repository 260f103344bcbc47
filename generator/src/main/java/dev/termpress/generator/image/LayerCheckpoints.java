package dev.termpress.generator.image;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.deflate.CheckpointFinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.zip.Deflater;

/**
 * Finds a published gzip layer's inflate checkpoints (DESIGN §3, step 2; docs/layer-index.md) so the
 * browser can fetch just the spans holding the files it reads.
 */
final class LayerCheckpoints {

    /**
     * Compressed bytes between checkpoints. A span costs about 70 bytes of index (fetched before boot) and
     * its window in the windows file (fetched with the span, about 15 KiB compressed); a file read costs on
     * average half a span more than the file. See docs/layer-index.md for the measurements behind it.
     */
    static final long SPACING = 1 << 18;
    /**
     * Below this the blob is fetched whole (no checkpoints): one request instead of several, and a small
     * image's shell usually reads most of it anyway (busybox's one binary is 95 % of its layer).
     */
    static final long WHOLE_BLOB_BELOW = 2 << 20;

    private static final int READ_BUFFER = 1 << 16;

    private LayerCheckpoints() {
    }

    /** A layer's checkpoints and the windows file they refer to (published next to the index). */
    record Found(InflateCheckpoints checkpoints, byte[] windowsFile) {
    }

    /**
     * The checkpoints of the gzip blob at {@code blob} whose uncompressed sha256 is {@code diffId}, or null
     * when the blob is small, has several gzip members or a block too large for one span (then the runtime
     * reads it whole).
     *
     * @throws ImageException if our own inflater disagrees with the verified diff_id (a bug, never silently)
     */
    static Found find(Path blob, Digest diffId, String where) throws ImageException, IOException {
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
        if (found.moreMembers() || !found.spansFit()) {
            return null;
        }
        Digest digest = Digest.of(inflated.digest());
        if (!digest.equals(diffId)) {
            throw new ImageException(where + ": inflating the layer for its checkpoints gave " + digest
                    + ", not its diff_id " + diffId + " (a termpress bug; please report it)");
        }
        WindowsFile windows = new WindowsFile();
        try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
            return new Found(found.checkpoints(size, (from, to) -> sha256(channel, from, to), windows), windows.bytes());
        }
    }

    /** The windows file built in memory: each window raw-deflated on its own, so one can be fetched and inflated alone. */
    private static final class WindowsFile implements CheckpointFinder.WindowPacker {
        private final ByteArrayOutputStream file = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[2 * InflateCheckpoints.MAX_WINDOW + 1024];

        @Override
        public InflateCheckpoints.WindowRef add(byte[] window) {
            long offset = file.size();
            int length = 0;
            if (window.length > 0) {
                Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
                try {
                    deflater.setInput(window);
                    deflater.finish();
                    length = deflater.deflate(buffer);
                    if (!deflater.finished()) {
                        throw new IllegalStateException("a 32 KiB window did not deflate into " + buffer.length
                                + " bytes");
                    }
                } finally {
                    deflater.end(); // its native memory is not left to the garbage collector
                }
                file.write(buffer, 0, length);
            }
            MessageDigest sha256 = Digest.newSha256();
            sha256.update(buffer, 0, length);
            return new InflateCheckpoints.WindowRef(offset, length, sha256.digest());
        }

        @Override
        public byte[] sha256() {
            return Digest.newSha256().digest(file.toByteArray());
        }

        @Override
        public long size() {
            return file.size();
        }

        byte[] bytes() {
            return file.toByteArray();
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
