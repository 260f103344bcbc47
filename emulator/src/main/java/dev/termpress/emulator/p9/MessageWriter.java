package dev.termpress.emulator.p9;

import java.nio.charset.StandardCharsets;

/** Builds one little-endian 9P reply at a time in a reusable, growing buffer. */
final class MessageWriter {

    private byte[] buffer = new byte[8192];
    private int length;

    /** Starts a reply: size (filled in by {@link #finish}), type and tag. */
    MessageWriter begin(int type, int tag) {
        length = 0;
        u32(0);
        u8(type);
        u16(tag);
        return this;
    }

    /** Writes the total size into the header; returns it. */
    int finish() {
        putU32(0, length);
        return length;
    }

    /** Writes {@code value} at {@code at} without moving the end (for counts known only later). */
    void putU32(int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
        buffer[at + 2] = (byte) (value >>> 16);
        buffer[at + 3] = (byte) (value >>> 24);
    }

    byte[] array() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** Drops everything after {@code newLength} (an entry that did not fit). */
    void truncate(int newLength) {
        length = newLength;
    }

    MessageWriter u8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
        return this;
    }

    MessageWriter u16(int value) {
        ensure(2);
        buffer[length++] = (byte) value;
        buffer[length++] = (byte) (value >>> 8);
        return this;
    }

    MessageWriter u32(int value) {
        ensure(4);
        putU32(length, value);
        length += 4;
        return this;
    }

    MessageWriter u64(long value) {
        u32((int) value);
        return u32((int) (value >>> 32));
    }

    MessageWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, 0xffff);
        u16(n);
        ensure(n);
        System.arraycopy(utf8, 0, buffer, length, n);
        length += n;
        return this;
    }

    MessageWriter bytes(byte[] src, int offset, int n) {
        ensure(n);
        System.arraycopy(src, offset, buffer, length, n);
        length += n;
        return this;
    }

    private void ensure(int n) {
        if (length + n > buffer.length) {
            byte[] grown = new byte[Math.max(buffer.length * 2, length + n)];
            System.arraycopy(buffer, 0, grown, 0, length);
            buffer = grown;
        }
    }
}
