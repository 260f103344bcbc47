package dev.termpress.emulator.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Writes snapshot fields little-endian into a growable byte array: fixed-width integers, booleans
 * as one byte, strings as a u32 byte count and UTF-8, byte arrays as a u32 count and the bytes.
 */
public final class StateWriter {

    private static final int INITIAL_CAPACITY = 4096;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, 0, copy, 0, length);
        return copy;
    }

    private void ensure(int more) {
        long needed = (long) length + more;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("snapshot larger than 2 GiB");
            }
            long capacity = bytes.length;
            while (capacity < needed) {
                capacity *= 2;
            }
            byte[] grown = new byte[(int) Math.min(capacity, Integer.MAX_VALUE - 16)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }

    public StateWriter u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    public StateWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public StateWriter u16(int value) {
        ensure(2);
        bytes[length++] = (byte) value;
        bytes[length++] = (byte) (value >>> 8);
        return this;
    }

    public StateWriter i32(int value) {
        ensure(4);
        putI32(length, value);
        length += 4;
        return this;
    }

    public StateWriter i64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public StateWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A u32 count, then the bytes. */
    public StateWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    /** A u32 count ({@code count}), then {@code count} bytes of {@code value} from {@code offset}. */
    public StateWriter bytes(byte[] value, int offset, int count) {
        i32(count);
        raw(value, offset, count);
        return this;
    }

    /** Bytes without a count: the reader must know how many. */
    public StateWriter raw(byte[] value, int offset, int count) {
        ensure(count);
        System.arraycopy(value, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Ints as little-endian words, without a count. */
    public StateWriter words(int[] value, int offset, int count) {
        ensure(4 * count);
        for (int i = 0; i < count; i++) {
            putI32(length, value[offset + i]);
            length += 4;
        }
        return this;
    }

    /** Overwrites the u32 at {@code position} (a length written before its content was known). */
    void patchI32(int position, int value) {
        putI32(position, value);
    }

    private void putI32(int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }

    /** The bytes written so far, not copied (for the checksum). */
    byte[] buffer() {
        return bytes;
    }
}
