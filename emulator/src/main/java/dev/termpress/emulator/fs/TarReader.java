package dev.termpress.emulator.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tar stream's headers (POSIX ustar, GNU long names and links, pax extended headers) into
 * {@link IndexEntry}s, skipping over the content and noting where it lies. Data is never kept.
 */
final class TarReader {

    static final int BLOCK = 512;
    /** Longest GNU long name or pax header accepted; real ones are a few hundred bytes. */
    private static final int MAX_META_SIZE = 1 << 20;

    // Header field offsets and lengths (POSIX.1-2017 pax, "ustar Interchange Format").
    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int MODE = 100;
    private static final int UID = 108;
    private static final int GID = 116;
    private static final int SIZE = 124;
    private static final int MTIME = 136;
    private static final int CHECKSUM = 148;
    private static final int TYPEFLAG = 156;
    private static final int LINKNAME = 157;
    private static final int MAGIC = 257;
    private static final int DEVMAJOR = 329;
    private static final int DEVMINOR = 337;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;

    private final TarInput in;
    private final byte[] header = new byte[BLOCK];
    private final byte[] skipBuffer = new byte[64 * 1024];
    private long position;

    TarReader(TarInput in) {
        this.in = in;
    }

    /** Bytes consumed so far: after {@link #readAll}, the length of the stream up to its end marker. */
    long position() {
        return position;
    }

    List<IndexEntry> readAll() throws ImageFormatException {
        List<IndexEntry> entries = new ArrayList<>();
        String longName = null;
        String longLink = null;
        PaxHeaders pax = null;
        while (true) {
            long headerOffset = position;
            if (!readHeader()) {
                return entries;
            }
            String where = "tar header at byte " + headerOffset;
            char type = (char) (header[TYPEFLAG] & 0xff);
            long size = number(SIZE, 12, where, "size");
            if (pax != null && pax.size >= 0) {
                size = pax.size;
            }
            if (size < 0) {
                throw new ImageFormatException(where + ": negative size");
            }
            switch (type) {
                case 'L':
                    longName = text(readMeta(size, where));
                    continue;
                case 'K':
                    longLink = text(readMeta(size, where));
                    continue;
                case 'x':
                    pax = PaxHeaders.parse(readMeta(size, where), where);
                    continue;
                case 'g':
                case 'V':
                    skip(size, where);
                    continue;
                case 'S':
                case 'M':
                    throw new ImageFormatException(where + ": GNU " + (type == 'S' ? "sparse" : "multi-volume")
                            + " entries are not supported; write the layer without --sparse");
                default:
                    break;
            }
            String name = longName != null ? longName : ustarName();
            String link = longLink != null ? longLink : string(LINKNAME, NAME_LENGTH);
            if (pax != null && pax.path != null) {
                name = pax.path;
            }
            if (pax != null && pax.linkpath != null) {
                link = pax.linkpath;
            }
            EntryKind kind = kind(type, name);
            String path = TarPaths.normalise(name, where + " ('" + name + "')");
            if (kind == EntryKind.HARDLINK) {
                link = TarPaths.normalise(link, where + " (hard link '" + name + "')");
            }
            int permissions = (int) number(MODE, 8, where, "mode") & FileMode.PERMISSIONS;
            long uid = pax != null && pax.uid >= 0 ? pax.uid : number(UID, 8, where, "uid");
            long gid = pax != null && pax.gid >= 0 ? pax.gid : number(GID, 8, where, "gid");
            long mtime = pax != null && pax.hasMtime ? pax.mtimeSeconds : number(MTIME, 12, where, "mtime");
            int mtimeNanos = pax != null && pax.hasMtime ? pax.mtimeNanos : 0;
            boolean device = kind == EntryKind.CHAR_DEVICE || kind == EntryKind.BLOCK_DEVICE;
            int major = device ? (int) number(DEVMAJOR, 8, where, "devmajor") : 0;
            int minor = device ? (int) number(DEVMINOR, 8, where, "devminor") : 0;
            long dataSize = hasData(type) ? size : 0;
            entries.add(new IndexEntry(path, kind, permissions, (int) uid, (int) gid, mtime, mtimeNanos,
                    kind == EntryKind.FILE ? dataSize : 0, kind == EntryKind.FILE ? position : 0,
                    kind == EntryKind.SYMLINK || kind == EntryKind.HARDLINK ? link : "", major, minor));
            skip(dataSize, where);
            longName = null;
            longLink = null;
            pax = null;
        }
    }

    /** Header-only types carry no data blocks whatever their size field says (as Go's archive/tar reads them). */
    private static boolean hasData(char type) {
        return !(type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6');
    }

    private static EntryKind kind(char type, String name) {
        switch (type) {
            case '1':
                return EntryKind.HARDLINK;
            case '2':
                return EntryKind.SYMLINK;
            case '3':
                return EntryKind.CHAR_DEVICE;
            case '4':
                return EntryKind.BLOCK_DEVICE;
            case '5':
            case 'D':
                return EntryKind.DIRECTORY;
            case '6':
                return EntryKind.FIFO;
            default:
                // Pre-POSIX archives mark directories only by a trailing slash; unknown types read as files.
                return name.endsWith("/") ? EntryKind.DIRECTORY : EntryKind.FILE;
        }
    }

    /** Reads the next header; false at the end of the archive (a zero block or the end of the stream). */
    private boolean readHeader() throws ImageFormatException {
        int n = readFully(header, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new ImageFormatException("tar stream truncated inside the header at byte " + position);
        }
        position += BLOCK;
        boolean zero = true;
        for (byte b : header) {
            if (b != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return false;
        }
        verifyChecksum();
        return true;
    }

    private void verifyChecksum() throws ImageFormatException {
        long stored = number(CHECKSUM, 8, "tar header at byte " + (position - BLOCK), "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= CHECKSUM && i < CHECKSUM + 8 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new ImageFormatException("tar header at byte " + (position - BLOCK) + ": checksum " + stored
                    + " does not match the header (" + unsigned + "); the stream is not a tar or is corrupt");
        }
    }

    private String ustarName() {
        String name = string(NAME, NAME_LENGTH);
        boolean posix = header[MAGIC] == 'u' && header[MAGIC + 5] == 0;
        if (posix && header[PREFIX] != 0) {
            return string(PREFIX, PREFIX_LENGTH) + "/" + name;
        }
        return name;
    }

    private String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** An octal field, or a GNU base-256 one (high bit of the first byte set). */
    private long number(int offset, int length, String where, String field) throws ImageFormatException {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new ImageFormatException(where + ": " + field + " does not fit in 63 bits");
                }
                value = value << 8 | (header[offset + i] & 0xff);
            }
            return (header[offset] & 0x40) != 0 ? -1 : value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new ImageFormatException(where + ": " + field + " field is not an octal number");
            }
            value = value << 3 | digit;
        }
        return value;
    }

    private byte[] readMeta(long size, String where) throws ImageFormatException {
        if (size > MAX_META_SIZE) {
            throw new ImageFormatException(where + ": extended header of " + size + " bytes is larger than the "
                    + MAX_META_SIZE + " allowed");
        }
        byte[] data = new byte[(int) size];
        if (readFully(data, data.length) < data.length) {
            throw new ImageFormatException(where + ": stream ends inside an extended header");
        }
        position += size;
        skipBytes(padding(size), 0, where);
        return data;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /** Skips an entry's content and the padding after it. */
    private void skip(long dataSize, String where) throws ImageFormatException {
        skipBytes(dataSize + padding(dataSize), dataSize, where);
    }

    /** Skips {@code total} bytes of which the first {@code needed} must exist; the rest is padding. */
    private void skipBytes(long total, long needed, String where) throws ImageFormatException {
        long remaining = total;
        while (remaining > 0) {
            int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, remaining));
            if (n < 0) {
                if (total - remaining >= needed) {
                    // A missing final padding is harmless; missing content is not.
                    position += total - remaining;
                    return;
                }
                throw new ImageFormatException(where + ": stream ends inside the entry's " + needed
                        + " bytes of content");
            }
            remaining -= n;
        }
        position += total;
    }

    private int readFully(byte[] buffer, int length) throws ImageFormatException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
