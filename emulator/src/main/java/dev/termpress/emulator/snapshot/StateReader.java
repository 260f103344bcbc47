package dev.termpress.emulator.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link StateWriter} wrote, within a bounded window of a byte array. Reading past the
 * window's end, or a count that cannot fit in it, is a {@link SnapshotException} naming the window
 * (a section name), never an array error.
 */
public final class StateReader {

    private final byte[] bytes;
    private final int end;
    private final String what;
    private int position;

    /** Reads {@code bytes[offset, offset + length)}; {@code what} names it in error messages. */
    public StateReader(byte[] bytes, int offset, int length, String what) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("window outside the array");
        }
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
        this.what = what;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return end - position;
    }

    /** Where the next read starts, in the underlying array. */
    int position() {
        return position;
    }

    private void need(long count) throws SnapshotException {
        if (count < 0 || count > end - position) {
            throw new SnapshotException(what + " is truncated: " + count + " more bytes needed, "
                    + (end - position) + " left");
        }
    }

    /** A damaged-content error naming this window. */
    public SnapshotException damaged(String problem) {
        return new SnapshotException(what + " is damaged: " + problem);
    }

    public int u8() throws SnapshotException {
        need(1);
        return bytes[position++] & 0xff;
    }

    public boolean bool() throws SnapshotException {
        int value = u8();
        if (value > 1) {
            throw damaged("boolean field holds " + value);
        }
        return value == 1;
    }

    public int u16() throws SnapshotException {
        need(2);
        int value = bytes[position] & 0xff | (bytes[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    public int i32() throws SnapshotException {
        need(4);
        int value = getI32(position);
        position += 4;
        return value;
    }

    public long i64() throws SnapshotException {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (bytes[position + i] & 0xffL) << (8 * i);
        }
        position += 8;
        return value;
    }

    /** A count written as u32 that must lie in {@code 0..max}. */
    public int count(int max, String field) throws SnapshotException {
        int value = i32();
        if (value < 0 || value > max) {
            throw damaged(field + " is " + (value & 0xffff_ffffL) + ", at most " + max + " allowed");
        }
        return value;
    }

    public String string() throws SnapshotException {
        int length = count(remaining(), "string length");
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] bytes() throws SnapshotException {
        int length = count(remaining(), "byte array length");
        return raw(length);
    }

    /** {@code count} bytes without a count before them. */
    public byte[] raw(int count) throws SnapshotException {
        need(count);
        byte[] value = new byte[count];
        System.arraycopy(bytes, position, value, 0, count);
        position += count;
        return value;
    }

    /** Moves past {@code count} bytes. */
    public void skip(int count) throws SnapshotException {
        need(count);
        position += count;
    }

    /** Little-endian words into {@code dest}, without a count before them. */
    public void words(int[] dest, int offset, int count) throws SnapshotException {
        need(4L * count);
        for (int i = 0; i < count; i++) {
            dest[offset + i] = getI32(position);
            position += 4;
        }
    }

    private int getI32(int at) {
        return bytes[at] & 0xff | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }
}
