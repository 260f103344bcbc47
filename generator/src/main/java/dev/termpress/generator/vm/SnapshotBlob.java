package dev.termpress.generator.vm;

import dev.termpress.emulator.snapshot.SnapshotException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * A boot snapshot as a site publishes it: gzip with a fixed header (no name, mtime 0, OS "unknown"),
 * so the same snapshot always gives the same file, named and checked by its sha256.
 */
public final class SnapshotBlob {

    /** The descriptor's {@code snapshot.mediaType}. */
    public static final String MEDIA_TYPE = "application/vnd.termpress.snapshot.v1+gzip";
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 255};

    private SnapshotBlob() {}

    /** {@code raw} gzipped at the best compression, byte for byte the same for the same input. */
    public static byte[] gzip(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
        deflater.setInput(raw);
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(raw);
        littleEndian(out, (int) crc.getValue());
        littleEndian(out, raw.length);
        return out.toByteArray();
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The raw snapshot in the published file {@code file}, which must have {@code expectedDigest}.
     *
     * @throws SnapshotException saying what is wrong: missing, unreadable, another digest, not gzip
     */
    public static byte[] read(Path file, String expectedDigest) throws SnapshotException {
        byte[] gz;
        try {
            gz = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("the snapshot " + file + " is missing");
        } catch (IOException e) {
            throw new SnapshotException("cannot read the snapshot " + file + ": " + e.getMessage());
        }
        return open(gz, expectedDigest, file.toString());
    }

    /** The raw snapshot in {@code gz} (from {@code where}), after checking its digest. */
    public static byte[] open(byte[] gz, String expectedDigest, String where) throws SnapshotException {
        String actual = digest(gz);
        if (!actual.equals(expectedDigest)) {
            throw new SnapshotException("the snapshot " + where + " is damaged: its sha256 is " + actual
                    + ", the descriptor says " + expectedDigest);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SnapshotException("the snapshot " + where + " is not valid gzip: " + e.getMessage());
        }
    }

    private static void littleEndian(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
    }
}
