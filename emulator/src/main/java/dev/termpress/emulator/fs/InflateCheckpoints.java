package dev.termpress.emulator.fs;

import java.util.Collections;
import java.util.List;

/**
 * Where a gzip layer blob can be read from the middle (DESIGN §3, step 2): its deflate data cut at block
 * boundaries into consecutive spans, each with the 32 KiB of output before it (all a decoder needs to
 * resume there) and the sha256 of the compressed bytes it covers, so a span fetched on its own (an HTTP
 * Range) can be verified without the whole blob.
 */
public final class InflateCheckpoints {

    /** sha256 digests are 32 bytes. */
    public static final int DIGEST_BYTES = 32;
    /** A window never exceeds deflate's 32 KiB distance limit (RFC 1951 §2). */
    public static final int MAX_WINDOW = 1 << 15;

    /**
     * One span of the blob's deflate data.
     *
     * @param startBit first bit of the span's first block, counted from the blob's first byte
     * @param endBit the bit after its last block
     * @param uncompressedStart offset in the uncompressed stream of the span's first output byte
     * @param uncompressedEnd offset after its last output byte
     * @param window the {@code min(32 KiB, uncompressedStart)} output bytes before the span
     * @param sha256 digest of the blob's bytes {@link #firstByte} up to {@link #endByte}
     * @param firstStoredBit where the span's first stored block starts (its padding is relative to the blob's
     *     byte boundaries, so a decoder of the span alone must know it), or -1 when it has none
     * @param last whether the span ends with the deflate stream's final block
     */
    public record Span(long startBit, long endBit, long uncompressedStart, long uncompressedEnd, byte[] window,
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
    }

    private final List<Span> spans;
    private final long blobSize;

    /** Spans in stream order, contiguous, of a blob of {@code blobSize} bytes; see {@link IndexCodec} for the checks a decoder applies. */
    public InflateCheckpoints(List<Span> spans, long blobSize) {
        this.spans = Collections.unmodifiableList(spans);
        this.blobSize = blobSize;
    }

    /** The spans, in stream order. */
    public List<Span> spans() {
        return spans;
    }

    /** Size of the compressed blob the spans cut up. */
    public long blobSize() {
        return blobSize;
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
