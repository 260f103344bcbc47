package dev.termpress.emulator.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte format of a {@link LayerIndex}. All integers are unsigned LEB128 varints unless noted;
 * "zigzag" marks signed ones.
 *
 * <pre>
 * magic        "TPLI" (4 bytes), then format version (1 byte): 1, or 2 when inflate checkpoints follow the entries
 * streamLength varint   length of the uncompressed tar stream covered
 * count        varint   number of entries, then for each entry in tar order:
 *   shared     varint   bytes of the previous entry's UTF-8 path this path starts with
 *   suffix     varint n, then n bytes: the rest of the UTF-8 path
 *   kind       1 byte   EntryKind ordinal (FILE 0, DIRECTORY 1, SYMLINK 2, HARDLINK 3, CHAR 4, BLOCK 5, FIFO 6)
 *   perms      varint   permission bits (07777)
 *   uid, gid   varint   each an unsigned 32-bit value
 *   mtime      zigzag   seconds since the epoch, then varint nanoseconds
 *   FILE only: size varint, then zigzag (dataOffset - end of the previous file's data)
 *   SYMLINK, HARDLINK only: varint n, then n bytes of UTF-8 target
 *   CHAR, BLOCK only: major varint, minor varint
 * version 2 only, the {@link InflateCheckpoints}:
 *   blobSize   varint   bytes of the compressed blob
 *   windows    32 bytes sha256 of the windows file, then varint its size
 *   spans      varint   number of spans (at least 1)
 *   startBit   varint   where the first span starts, in bits from the blob's first byte; then per span:
 *     bits     varint   its length in compressed bits (the next span starts where it ends)
 *     bytes    varint   its length in uncompressed bytes
 *     stored   varint   0, or 1 + the bit offset in the span of its first stored block
 *     window   varint   bytes of its window's raw deflate data in the windows file (which follow the
 *                       previous span's), then 32 bytes of their sha256
 *     sha256   32 bytes of the blob's bytes holding the span (from its first bit's byte to its last bit's)
 * </pre>
 */
final class IndexCodec {

    private static final byte[] MAGIC = {'T', 'P', 'L', 'I'};
    private static final int VERSION_ENTRIES = 1;
    private static final int VERSION_CHECKPOINTS = 2;
    /** Far beyond any layer, and small enough that bit counts of it fit a long. */
    private static final long MAX_BLOB_SIZE = 1L << 48;
    /** A 32 KiB window compresses to at most a little more than itself (stored blocks, RFC 1951 §3.2.4). */
    private static final long WINDOW_DATA_LIMIT = 2L * InflateCheckpoints.MAX_WINDOW;
    private static final EntryKind[] KINDS = EntryKind.values();

    private IndexCodec() {
    }

    static byte[] encode(LayerIndex index) {
        Output out = new Output();
        out.bytes(MAGIC, 0, MAGIC.length);
        InflateCheckpoints checkpoints = index.checkpoints();
        out.raw(checkpoints == null ? VERSION_ENTRIES : VERSION_CHECKPOINTS);
        out.varint(index.streamLength());
        out.varint(index.entries().size());
        byte[] previous = new byte[0];
        long dataEnd = 0;
        for (IndexEntry entry : index.entries()) {
            byte[] path = entry.path().getBytes(StandardCharsets.UTF_8);
            int shared = 0;
            int limit = Math.min(path.length, previous.length);
            while (shared < limit && path[shared] == previous[shared]) {
                shared++;
            }
            out.varint(shared);
            out.varint(path.length - shared);
            out.bytes(path, shared, path.length - shared);
            previous = path;
            out.raw(entry.kind().ordinal());
            out.varint(entry.permissions());
            out.varint(entry.uid() & 0xffff_ffffL);
            out.varint(entry.gid() & 0xffff_ffffL);
            out.varint(zigzag(entry.mtimeSeconds()));
            out.varint(entry.mtimeNanos());
            switch (entry.kind()) {
                case FILE:
                    out.varint(entry.size());
                    out.varint(zigzag(entry.dataOffset() - dataEnd));
                    dataEnd = entry.dataOffset() + entry.size();
                    break;
                case SYMLINK:
                case HARDLINK:
                    byte[] target = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
                    out.varint(target.length);
                    out.bytes(target, 0, target.length);
                    break;
                case CHAR_DEVICE:
                case BLOCK_DEVICE:
                    out.varint(entry.deviceMajor() & 0xffff_ffffL);
                    out.varint(entry.deviceMinor() & 0xffff_ffffL);
                    break;
                default:
                    break;
            }
        }
        if (checkpoints != null) {
            encodeCheckpoints(out, checkpoints);
        }
        return out.toArray();
    }

    private static void encodeCheckpoints(Output out, InflateCheckpoints checkpoints) {
        out.varint(checkpoints.blobSize());
        out.bytes(checkpoints.windowsSha256(), 0, InflateCheckpoints.DIGEST_BYTES);
        out.varint(checkpoints.windowsSize());
        out.varint(checkpoints.spans().size());
        out.varint(checkpoints.spans().get(0).startBit());
        for (InflateCheckpoints.Span span : checkpoints.spans()) {
            out.varint(span.endBit() - span.startBit());
            out.varint(span.uncompressedEnd() - span.uncompressedStart());
            out.varint(span.firstStoredBit() < 0 ? 0 : span.firstStoredBit() - span.startBit() + 1);
            out.varint(span.window().length());
            out.bytes(span.window().sha256(), 0, InflateCheckpoints.DIGEST_BYTES);
            out.bytes(span.sha256(), 0, InflateCheckpoints.DIGEST_BYTES);
        }
    }

    static LayerIndex decode(byte[] bytes) throws ImageFormatException {
        Input in = new Input(bytes);
        for (byte b : MAGIC) {
            if (in.raw() != b) {
                throw new ImageFormatException("layer index: bad magic; expected a file written by LayerIndex.toBytes");
            }
        }
        int version = in.raw();
        if (version != VERSION_ENTRIES && version != VERSION_CHECKPOINTS) {
            throw new ImageFormatException("layer index: format version " + version + " (valid: " + VERSION_ENTRIES
                    + " or " + VERSION_CHECKPOINTS + "); was the site built by a newer termpress?");
        }
        long streamLength = in.unsigned();
        long count = in.unsigned();
        if (count > bytes.length) {
            throw new ImageFormatException("layer index: " + count + " entries cannot fit in " + bytes.length + " bytes");
        }
        List<IndexEntry> entries = new ArrayList<>((int) count);
        byte[] previous = new byte[0];
        long dataEnd = 0;
        for (int i = 0; i < count; i++) {
            long shared = in.varint();
            if (shared < 0 || shared > previous.length) { // a 10-byte varint can set the sign bit
                throw in.error("entry " + i + " shares " + shared + " bytes with a " + previous.length + "-byte path");
            }
            int suffix = in.length();
            byte[] path = new byte[(int) shared + suffix];
            System.arraycopy(previous, 0, path, 0, (int) shared);
            in.bytes(path, (int) shared, suffix);
            previous = path;
            int kindOrdinal = in.raw();
            if (kindOrdinal >= KINDS.length) {
                throw in.error("entry " + i + " has unknown kind " + kindOrdinal);
            }
            EntryKind kind = KINDS[kindOrdinal];
            int permissions = (int) in.varint() & FileMode.PERMISSIONS;
            int uid = (int) in.varint();
            int gid = (int) in.varint();
            long mtime = unzigzag(in.varint());
            int nanos = (int) in.varint();
            long size = 0;
            long dataOffset = 0;
            String target = "";
            int major = 0;
            int minor = 0;
            switch (kind) {
                case FILE:
                    size = in.unsigned();
                    dataOffset = dataEnd + unzigzag(in.varint());
                    if (size < 0 || dataOffset < 0 || dataOffset + size > streamLength) {
                        throw in.error("entry " + i + " content lies outside the " + streamLength + "-byte stream");
                    }
                    dataEnd = dataOffset + size;
                    break;
                case SYMLINK:
                case HARDLINK:
                    byte[] link = new byte[in.length()];
                    in.bytes(link, 0, link.length);
                    target = new String(link, StandardCharsets.UTF_8);
                    break;
                case CHAR_DEVICE:
                case BLOCK_DEVICE:
                    major = (int) in.varint();
                    minor = (int) in.varint();
                    break;
                default:
                    break;
            }
            String name = new String(path, StandardCharsets.UTF_8);
            // Indexes travel over the network: hold them to the same rules as a freshly read tar.
            String where = "layer index entry " + i;
            if (!TarPaths.normalise(name, where).equals(name)
                    || kind == EntryKind.HARDLINK && !TarPaths.normalise(target, where).equals(target)) {
                throw new ImageFormatException(where + ": path '" + name + "' is not normalised");
            }
            entries.add(new IndexEntry(name, kind, permissions, uid, gid, mtime, nanos, size, dataOffset, target,
                    major, minor));
        }
        InflateCheckpoints checkpoints = version == VERSION_CHECKPOINTS ? decodeCheckpoints(in, streamLength) : null;
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes after the last " + (checkpoints == null ? "entry" : "span"));
        }
        return new LayerIndex(entries, streamLength, checkpoints);
    }

    private static InflateCheckpoints decodeCheckpoints(Input in, long streamLength) throws ImageFormatException {
        long blobSize = in.unsigned();
        if (blobSize > MAX_BLOB_SIZE) {
            throw in.error("blob size " + blobSize + " (valid: at most " + MAX_BLOB_SIZE + ")");
        }
        byte[] windowsSha256 = digest(in);
        long windowsSize = in.unsigned();
        long count = in.unsigned();
        if (count == 0 || count > in.remaining() / (2 * InflateCheckpoints.DIGEST_BYTES)) {
            throw in.error(count + " spans cannot fit in the " + in.remaining() + " bytes left (valid: at least 1)");
        }
        List<InflateCheckpoints.Span> spans = new ArrayList<>((int) count);
        long bit = in.unsigned();
        long uncompressed = 0;
        long windowOffset = 0;
        for (int i = 0; i < count; i++) {
            long bits = in.unsigned();
            long bytes = in.unsigned();
            long stored = in.unsigned();
            if (stored != 0 && stored - 1 > bits - InflateCheckpoints.BLOCK_HEADER_BITS) {
                throw in.error("span " + i + " has its first stored block at bit " + (stored - 1) + " of " + bits
                        + " (valid: its " + InflateCheckpoints.BLOCK_HEADER_BITS + " header bits within the span)");
            }
            if (bits == 0 || bit > blobSize * 8 || bits > blobSize * 8 - bit) {
                throw in.error("span " + i + " (" + bits + " bits from bit " + bit + ") lies outside the " + blobSize
                        + "-byte blob");
            }
            long compressed = ((bit + bits + 7) >>> 3) - (bit >>> 3);
            if (compressed > InflateCheckpoints.MAX_SPAN_BYTES) {
                throw in.error("span " + i + " is " + compressed + " compressed bytes (valid: at most "
                        + InflateCheckpoints.MAX_SPAN_BYTES + ")");
            }
            if (bytes > InflateCheckpoints.MAX_SPAN_BYTES) {
                throw in.error("span " + i + " inflates to " + bytes + " bytes (valid: at most "
                        + InflateCheckpoints.MAX_SPAN_BYTES + ")");
            }
            long windowLength = in.unsigned();
            if (windowLength > WINDOW_DATA_LIMIT || windowLength > windowsSize - windowOffset
                    || (windowLength == 0) != (uncompressed == 0)) {
                throw in.error("span " + i + " has a " + windowLength + "-byte window at byte " + windowOffset
                        + " of the " + windowsSize + "-byte windows file (valid: within it, empty only for the first)");
            }
            InflateCheckpoints.WindowRef window = new InflateCheckpoints.WindowRef(windowOffset, (int) windowLength,
                    digest(in));
            windowOffset += windowLength;
            spans.add(new InflateCheckpoints.Span(bit, bit + bits, uncompressed, uncompressed + bytes, window, digest(in),
                    stored == 0 ? -1 : bit + stored - 1, i == count - 1));
            bit += bits;
            uncompressed += bytes;
        }
        if (uncompressed < streamLength) {
            throw in.error("the spans inflate to " + uncompressed + " bytes, less than the " + streamLength
                    + "-byte tar stream they must cover");
        }
        return new InflateCheckpoints(spans, blobSize, windowsSha256, windowsSize);
    }

    private static byte[] digest(Input in) throws ImageFormatException {
        byte[] sha256 = new byte[InflateCheckpoints.DIGEST_BYTES];
        in.bytes(sha256, 0, sha256.length);
        return sha256;
    }

    private static long zigzag(long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unzigzag(long value) {
        return value >>> 1 ^ -(value & 1);
    }

    private static final class Output {
        private byte[] buffer = new byte[4096];
        private int length;

        void raw(int b) {
            ensure(1);
            buffer[length++] = (byte) b;
        }

        void bytes(byte[] src, int offset, int n) {
            ensure(n);
            System.arraycopy(src, offset, buffer, length, n);
            length += n;
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7fL) != 0) {
                buffer[length++] = (byte) (value & 0x7f | 0x80);
                value >>>= 7;
            }
            buffer[length++] = (byte) value;
        }

        private void ensure(int n) {
            if (length + n > buffer.length) {
                byte[] grown = new byte[Math.max(buffer.length * 2, length + n)];
                System.arraycopy(buffer, 0, grown, 0, length);
                buffer = grown;
            }
        }

        byte[] toArray() {
            byte[] out = new byte[length];
            System.arraycopy(buffer, 0, out, 0, length);
            return out;
        }
    }

    private static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int raw() throws ImageFormatException {
            if (position >= bytes.length) {
                throw error("truncated");
            }
            return bytes[position++] & 0xff;
        }

        long varint() throws ImageFormatException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = raw();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw error("varint longer than 10 bytes");
        }

        /**
         * A varint that is a count, size or offset. A 10-byte varint can set the sign bit, and such a
         * value would pass every upper-bound check below (and cast to int, may be huge and positive).
         */
        long unsigned() throws ImageFormatException {
            long value = varint();
            if (value < 0) {
                throw error("value " + Long.toUnsignedString(value) + " is out of range");
            }
            return value;
        }

        int length() throws ImageFormatException {
            long value = unsigned();
            if (value > bytes.length - position) {
                throw error("length " + value + " runs past the end");
            }
            return (int) value;
        }

        void bytes(byte[] dest, int offset, int n) throws ImageFormatException {
            if (n > bytes.length - position) {
                throw error("truncated");
            }
            System.arraycopy(bytes, position, dest, offset, n);
            position += n;
        }

        int remaining() {
            return bytes.length - position;
        }

        ImageFormatException error(String what) {
            return new ImageFormatException("layer index: " + what + " at byte " + position);
        }
    }
}
