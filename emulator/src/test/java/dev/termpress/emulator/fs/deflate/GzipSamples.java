package dev.termpress.emulator.fs.deflate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip blobs to cut: the example busybox layer and synthetic multi-megabyte ones. */
final class GzipSamples {

    static final Path BUSYBOX_LAYER = Path.of("../content-examples/images/busybox/blobs/sha256/"
            + "d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19");

    private GzipSamples() {
    }

    static byte[] busybox() throws IOException {
        return Files.readAllBytes(BUSYBOX_LAYER);
    }

    /**
     * About {@code megabytes} MB of tar-like data (text with repeats, incompressible runs, zero runs)
     * compressed at {@code level}; with {@code level} 0 partly stored, partly Huffman-only.
     */
    static byte[] synthetic(int megabytes, int level, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (LevelledGzip gzip = new LevelledGzip(blob, level)) {
            String[] words = {"usr", "lib", "riscv64", "linux", "gnu", "share", "doc", "copyright", "\n", " ", "/",
                "libc.so.6", "#include", "return", "0x", "{", "}", "=", "if", "bash"};
            byte[] chunk = new byte[64 * 1024];
            long target = megabytes * 1_000_000L;
            long written = 0;
            int part = 0;
            while (written < target) {
                int kind = random.nextInt(4);
                int n;
                if (kind == 0) {
                    n = random.nextInt(chunk.length);
                    random.nextBytes(chunk);
                } else if (kind == 1) {
                    n = random.nextInt(chunk.length);
                    Arrays.fill(chunk, 0, n, (byte) 0);
                } else {
                    StringBuilder text = new StringBuilder();
                    while (text.length() < chunk.length - 16) {
                        text.append(words[random.nextInt(words.length)]);
                    }
                    byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    n = Math.min(bytes.length, chunk.length);
                    System.arraycopy(bytes, 0, chunk, 0, n);
                }
                if (level == 0) {
                    gzip.strategy(part++ % 2 == 0 ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED,
                            part % 3 == 0 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
                }
                gzip.write(chunk, 0, n);
                written += n;
            }
        }
        return blob.toByteArray();
    }

    static byte[] gunzip(byte[] blob) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    static byte[] sha256(byte[] bytes, long from, long to) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, (int) from, (int) (to - from));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** GZIPOutputStream whose level and strategy can change between writes. */
    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level == 0 ? Deflater.BEST_SPEED : level);
        }

        void strategy(int level, int strategy) {
            def.setLevel(level);
            def.setStrategy(strategy);
        }
    }
}
