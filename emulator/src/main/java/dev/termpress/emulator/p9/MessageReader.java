package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import java.nio.charset.StandardCharsets;

/** Reads little-endian 9P fields from a message, failing with EPROTO at the first byte past its end. */
final class MessageReader {

    private byte[] bytes;
    private int position;
    private int end;

    /** Starts reading {@code bytes[offset, end)}. */
    void reset(byte[] bytes, int offset, int end) {
        this.bytes = bytes;
        this.position = offset;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    byte[] array() {
        return bytes;
    }

    int u8() throws FsException {
        need(1);
        return bytes[position++] & 0xff;
    }

    int u16() throws FsException {
        need(2);
        int value = bytes[position] & 0xff | (bytes[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    int u32() throws FsException {
        need(4);
        int value = bytes[position] & 0xff | (bytes[position + 1] & 0xff) << 8 | (bytes[position + 2] & 0xff) << 16
                | (bytes[position + 3] & 0xff) << 24;
        position += 4;
        return value;
    }

    long u64() throws FsException {
        long low = u32() & 0xffff_ffffL;
        return low | (long) u32() << 32;
    }

    /** A string: length[2] then that many UTF-8 bytes. */
    String string() throws FsException {
        int length = u16();
        need(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Skips {@code n} bytes (a payload read in place). */
    void skip(int n) throws FsException {
        need(n);
        position += n;
    }

    private void need(int n) throws FsException {
        if (n < 0 || n > end - position) {
            throw FsException.of(Errno.EPROTO);
        }
    }
}
