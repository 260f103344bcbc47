package dev.termpress.emulator.fs;

import java.util.Collections;
import java.util.List;

/**
 * Where a gzip layer blob can be read from the middle (DESIGN §3, step 2): its deflate data cut at block
 * boundaries into consecutive spans, each with the sha256 of the compressed bytes it covers, so a span
 * fetched on its own (an HTTP Range) can be verified without the whole blob. Resuming at a span needs the
 * 32 KiB of output before it (its window); the windows live in a separate <em>windows file</em> next to
 * the index, each raw-deflate compressed on its own and fetched only for the spans that are read.
 */
public final class InflateCheckpoints {

    /** sha256 digests are 32 bytes. */
    public static final int DIGEST_BYTES = 32;
    /** A window never exceeds deflate's 32 KiB distance limit (RFC 1951 §2). */
    public static final int MAX_WINDOW = 1 << 15;
    /**
     * Most bytes a span may hold, compressed or inflated: a span and its window must fit one array on every
     * host. The generator cuts spans about 256 KiB of compressed data apart, far below this.
     */
    public static final int MAX_SPAN_BYTES = 1 << 30;
    /** A block starts with 3 header bits, BFINAL and BTYPE (RFC 1951 §3.2.3). */
    public static final int BLOCK_HEADER_BITS = 3;

    /**
     * Where a span's window is in the windows file.
     *
     * @param offset first byte of its raw deflate data in the windows file
     * @param length bytes of raw deflate data (0 for the first span, which has no window)
     * @param sha256 digest of those bytes
     */
    public record WindowRef(long offset, int length, byte[] sha256) {
    }

    /**
     * One span of the blob's deflate data.
     *
     * @param startBit first bit of the span's first block, counted from the blob's first byte
     * @param endBit the bit after its last block
     * @param uncompressedStart offset in the uncompressed stream of the span's first output byte
     * @param uncompressedEnd offset after its last output byte
     * @param window where its window is: the {@link #windowLength} output bytes before the span
     * @param sha256 digest of the blob's bytes {@link #firstByte} up to {@link #endByte}
     * @param firstStoredBit where the span's first stored block starts (its padding is relative to the blob's
     *     byte boundaries, so a decoder of the span alone must know it), or -1 when it has none
     * @param last whether the span ends with the deflate stream's final block
     */
    public record Span(long startBit, long endBit, long uncompressedStart, long uncompressedEnd, WindowRef window,
            byte[] sha256, long firstStoredBit, boolean last) {

        /** The first blob byte holding bits of the span. */
        public long firstByte() {
            return startBit >>> 3;
        }

        /** The blob byte after the last one holding bits of the span. */
        public long endByte() {
            return (endBit + 7) >>> 3;
        }

        /** Compressed bytes to fetch for this span. */
        public int compressedLength() {
            return (int) (endByte() - firstByte());
        }

        /** Bytes of output before the span that its blocks may refer back to: {@code min(32 KiB, uncompressedStart)}. */
        public int windowLength() {
            return (int) Math.min(MAX_WINDOW, uncompressedStart);
        }
    }

    private final List<Span> spans;
    private final long blobSize;
    private final byte[] windowsSha256;
    private final long windowsSize;

    /**
     * Spans in stream order, contiguous, of a blob of {@code blobSize} bytes, with their windows in the
     * windows file of {@code windowsSize} bytes whose sha256 is {@code windowsSha256}; see
     * {@link IndexCodec} for the checks a decoder applies.
     */
    public InflateCheckpoints(List<Span> spans, long blobSize, byte[] windowsSha256, long windowsSize) {
        this.spans = Collections.unmodifiableList(spans);
        this.blobSize = blobSize;
        this.windowsSha256 = windowsSha256;
        this.windowsSize = windowsSize;
    }

    /** The spans, in stream order. */
    public List<Span> spans() {
        return spans;
    }

    /** Size of the compressed blob the spans cut up. */
    public long blobSize() {
        return blobSize;
    }

    /** The sha256 of the windows file (its name, next to the index). */
    public byte[] windowsSha256() {
        return windowsSha256;
    }

    /** Size of the windows file. */
    public long windowsSize() {
        return windowsSize;
    }

    /** The span holding uncompressed offset {@code offset} (the last span for offsets past the end). */
    public int spanAt(long offset) {
        int low = 0;
        int high = spans.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (spans.get(mid).uncompressedStart() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
