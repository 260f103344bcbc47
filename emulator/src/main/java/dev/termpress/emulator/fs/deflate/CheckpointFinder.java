package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Inflates a gzip blob once and cuts its deflate data into spans at block boundaries, a new span at the
 * first block that starts at least {@code spacing} compressed bytes after the previous cut.
 */
public final class CheckpointFinder {

    /** Receives the inflated bytes in order (to hash or index them while cutting). */
    public interface Output {
        void write(byte[] bytes, int offset, int length);
    }

    /** Computes the sha256 of the blob's bytes {@code [firstByte, endByte)}. */
    public interface SpanDigester {
        byte[] sha256(long firstByte, long endByte) throws IOException;
    }

    /** Builds the windows file: stores one window (compressed as raw deflate) and says where it went. */
    public interface WindowPacker {

        /** Appends {@code window} (empty for the first span) to the windows file. */
        InflateCheckpoints.WindowRef add(byte[] window) throws IOException;

        /** The finished windows file's sha256. */
        byte[] sha256();

        /** The finished windows file's size. */
        long size();
    }

    /** A span before its digest is known: see {@link InflateCheckpoints.Span}; {@code window} is its window itself. */
    public record Cut(long startBit, long endBit, long uncompressedStart, long uncompressedEnd, byte[] window,
            long firstStoredBit, boolean last) {
    }

    /**
     * What one pass found.
     *
     * @param cuts the spans of the first gzip member
     * @param uncompressedLength bytes the first member inflates to
     * @param moreMembers whether data follows the first member (another member: the cuts do not cover it)
     */
    public record Found(List<Cut> cuts, long uncompressedLength, boolean moreMembers) {

        /**
         * Whether every span holds at most {@link InflateCheckpoints#MAX_SPAN_BYTES}, compressed and inflated, as
         * an index decoder requires; only a single block of over 1 GiB can break this.
         */
        public boolean spansFit() {
            for (Cut cut : cuts) {
                long compressed = ((cut.endBit() + 7) >>> 3) - (cut.startBit() >>> 3);
                long inflated = cut.uncompressedEnd() - cut.uncompressedStart();
                if (compressed > InflateCheckpoints.MAX_SPAN_BYTES || inflated > InflateCheckpoints.MAX_SPAN_BYTES) {
                    return false;
                }
            }
            return true;
        }

        /** The checkpoints, with each span's digest from {@code digester} and its window packed by {@code windows}. */
        public InflateCheckpoints checkpoints(long blobSize, SpanDigester digester, WindowPacker windows)
                throws IOException {
            List<InflateCheckpoints.Span> spans = new ArrayList<>(cuts.size());
            for (Cut cut : cuts) {
                byte[] digest = digester.sha256(cut.startBit() >>> 3, (cut.endBit() + 7) >>> 3);
                spans.add(new InflateCheckpoints.Span(cut.startBit(), cut.endBit(), cut.uncompressedStart(),
                        cut.uncompressedEnd(), windows.add(cut.window()), digest, cut.firstStoredBit(), cut.last()));
            }
            return new InflateCheckpoints(spans, blobSize, windows.sha256(), windows.size());
        }
    }

    private static final int GZIP_TRAILER_BYTES = 8; // CRC32 and ISIZE, RFC 1952 §2.3.1

    private CheckpointFinder() {
    }

    /**
     * Reads the gzip blob {@code gzip} (named {@code name} in errors) to the end of its first member,
     * passing the inflated bytes to {@code output}.
     *
     * @throws ImageFormatException if it is not valid gzip data
     */
    public static Found find(InputStream gzip, long spacing, Output output, String name) throws ImageFormatException {
        BitInput in = new BitInput(gzip, name);
        GzipHeader.skip(in);
        List<long[]> starts = new ArrayList<>(); // start bit, output offset, first stored block's bit or -1
        List<byte[]> windows = new ArrayList<>();
        DeflateWalker walker = new DeflateWalker(in, output::write);
        walker.run((bit, outputOffset, stored) -> {
            if (starts.isEmpty() || bit - starts.get(starts.size() - 1)[0] >= spacing * 8) {
                starts.add(new long[] {bit, outputOffset, -1});
                windows.add(walker.window());
            }
            long[] current = starts.get(starts.size() - 1);
            if (stored && current[2] < 0) {
                current[2] = bit;
            }
        });
        long endBit = in.position();
        long total = walker.outputLength();
        in.alignToByte();
        long size = 0;
        for (int i = 0; i < GZIP_TRAILER_BYTES; i++) {
            int b = in.byteAligned();
            if (i >= 4) {
                size |= (long) b << (8 * (i - 4));
            }
        }
        if (size != (total & 0xffff_ffffL)) {
            throw new ImageFormatException(name + ": gzip trailer says " + size + " bytes (mod 2^32), the data inflates to "
                    + total);
        }
        boolean more = in.byteOrEnd() != -1;
        List<Cut> cuts = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            boolean last = i == starts.size() - 1;
            long spanEndBit = last ? endBit : starts.get(i + 1)[0];
            long spanEndOut = last ? total : starts.get(i + 1)[1];
            cuts.add(new Cut(starts.get(i)[0], spanEndBit, starts.get(i)[1], spanEndOut, windows.get(i), starts.get(i)[2],
                    last));
        }
        return new Found(cuts, total, more);
    }
}
