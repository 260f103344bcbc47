package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;

/**
 * Turns one span's compressed bytes into a complete raw deflate stream that any standard decoder (a
 * browser's {@code DecompressionStream('deflate-raw')}, java.util.zip's Inflater) inflates on its own: a
 * stored block holding the span's window (so back-references into it resolve), the span's blocks moved to
 * a byte boundary (a stored block ends on one, the span may start mid-byte), and, unless the span ends with
 * the stream's final block, an empty final stored block. The decoder's output is the window followed by
 * the span's own bytes.
 *
 * <p>A stored block pads to the blob's own byte boundaries, which moving the bits shifts: so the bits are
 * moved only up to the span's first stored block header, the padding is redone there, and from then on
 * the blob's bytes line up with the output's and are copied as they are.
 */
public final class SpanStream {

    private static final int STORED_HEADER_BYTES = 5; // 3 header bits padded to a byte, LEN, NLEN (RFC 1951 §3.2.4)
    private static final int BLOCK_HEADER_BITS = InflateCheckpoints.BLOCK_HEADER_BITS;
    private static final int FINAL_STORED_BLOCK_BITS = 1; // BFINAL 1, then BTYPE 00

    private SpanStream() {
    }

    /**
     * The standalone stream for {@code span}, given its window (inflated) and the blob's bytes
     * {@code span.firstByte()} up to {@code span.endByte()}.
     */
    public static byte[] of(InflateCheckpoints.Span span, byte[] window, byte[] compressed)
            throws ImageFormatException {
        if (compressed.length != span.compressedLength()) {
            throw new ImageFormatException("a span of " + span.compressedLength() + " compressed bytes was given "
                    + compressed.length);
        }
        if (window.length != span.windowLength()) {
            throw new ImageFormatException("a span with a " + span.windowLength() + "-byte window was given "
                    + window.length + " bytes of window");
        }
        long stored = span.firstStoredBit();
        if (stored >= 0 && (stored < span.startBit() || stored > span.endBit() - BLOCK_HEADER_BITS)) {
            // Its header would be read outside the span's bytes: only a damaged index says so.
            throw new ImageFormatException("a span has its first stored block at bit " + stored + " (valid: its "
                    + BLOCK_HEADER_BITS + " header bits within bits " + span.startBit() + " to " + span.endBit() + ")");
        }
        BitWriter out = new BitWriter(STORED_HEADER_BYTES + window.length + compressed.length + 2 * STORED_HEADER_BYTES);
        out.storedBlock(window);
        long base = span.firstByte() * 8; // blob bit of compressed[0]'s first bit
        long from = span.startBit() - base;
        long end = span.endBit() - base;
        if (stored >= 0 && (span.startBit() & 7) != 0) {
            long afterHeader = stored + BLOCK_HEADER_BITS - base;
            out.bits(compressed, from, afterHeader);
            out.alignToByte();
            from = (afterHeader + 7) & ~7L; // the blob's own padding
        }
        out.bits(compressed, from, end);
        if (!span.last()) {
            out.value(FINAL_STORED_BLOCK_BITS, BLOCK_HEADER_BITS);
            out.alignToByte();
            out.value(0, 16);
            out.value(0xffff, 16);
        }
        return out.toArray();
    }

    /** Bits appended least significant first, as deflate packs them (RFC 1951 §3.1.1). */
    private static final class BitWriter {
        private final byte[] bytes;
        private long bit;

        BitWriter(int capacity) {
            bytes = new byte[capacity];
        }

        void storedBlock(byte[] data) {
            value(0, BLOCK_HEADER_BITS); // BFINAL 0, BTYPE 00
            alignToByte();
            value(data.length, 16);
            value(~data.length & 0xffff, 16);
            System.arraycopy(data, 0, bytes, (int) (bit >>> 3), data.length);
            bit += data.length * 8L;
        }

        void value(int value, int count) {
            for (int i = 0; i < count; i++) {
                if ((value >>> i & 1) != 0) {
                    bytes[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
                bit++;
            }
        }

        void alignToByte() {
            bit = (bit + 7) & ~7L;
        }

        /** Appends bits {@code [from, to)} of {@code src}. */
        void bits(byte[] src, long from, long to) {
            if (((from ^ bit) & 7) == 0) {
                // Same alignment: the odd bits at each end, whole bytes between.
                while (from < to && (from & 7) != 0) {
                    copyBit(src, from++);
                }
                int whole = (int) ((to - from) >>> 3);
                System.arraycopy(src, (int) (from >>> 3), bytes, (int) (bit >>> 3), whole);
                from += whole * 8L;
                bit += whole * 8L;
                while (from < to) {
                    copyBit(src, from++);
                }
                return;
            }
            while (to - from >= 8) {
                int index = (int) (from >>> 3);
                int shift = (int) (from & 7);
                int next = index + 1 < src.length ? src[index + 1] & 0xff : 0;
                int octet = ((src[index] & 0xff) >>> shift | next << (8 - shift)) & 0xff;
                int at = (int) (bit >>> 3);
                int outShift = (int) (bit & 7);
                bytes[at] |= (byte) (octet << outShift);
                if (outShift != 0) {
                    bytes[at + 1] |= (byte) (octet >>> (8 - outShift));
                }
                from += 8;
                bit += 8;
            }
            while (from < to) {
                copyBit(src, from++);
            }
        }

        private void copyBit(byte[] src, long from) {
            if ((src[(int) (from >>> 3)] >>> (from & 7) & 1) != 0) {
                bytes[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
            bit++;
        }

        byte[] toArray() {
            int length = (int) ((bit + 7) >>> 3);
            if (length == bytes.length) {
                return bytes;
            }
            byte[] exact = new byte[length];
            System.arraycopy(bytes, 0, exact, 0, length);
            return exact;
        }
    }
}
