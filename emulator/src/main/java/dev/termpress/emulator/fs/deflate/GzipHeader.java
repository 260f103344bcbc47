package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;

/** Skips a gzip member header (RFC 1952 §2.3), leaving the input at the first bit of its deflate data. */
final class GzipHeader {

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int MTIME_XFL_OS_BYTES = 6;

    private GzipHeader() {
    }

    static void skip(BitInput in) throws ImageFormatException {
        if (in.byteAligned() != ID1 || in.byteAligned() != ID2) {
            throw new ImageFormatException(in.name() + ": not gzip data (expected the bytes 1f 8b at its start)");
        }
        int method = in.byteAligned();
        if (method != CM_DEFLATE) {
            throw new ImageFormatException(in.name() + ": gzip compression method " + method + " (valid: 8, deflate)");
        }
        int flags = in.byteAligned();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ImageFormatException(in.name() + ": gzip header sets reserved flags " + Integer.toHexString(flags));
        }
        for (int i = 0; i < MTIME_XFL_OS_BYTES; i++) {
            in.byteAligned();
        }
        if ((flags & FEXTRA) != 0) {
            int length = in.byteAligned() | in.byteAligned() << 8;
            for (int i = 0; i < length; i++) {
                in.byteAligned();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated(in);
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated(in);
        }
        if ((flags & FHCRC) != 0) {
            in.byteAligned();
            in.byteAligned();
        }
    }

    private static void skipZeroTerminated(BitInput in) throws ImageFormatException {
        while (in.byteAligned() != 0) {
            // the name or comment itself is of no use here
        }
    }
}
