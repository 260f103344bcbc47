package dev.termpress.emulator.translate.wasm;

import java.util.Arrays;

/**
 * A growable byte buffer with the encodings of the WebAssembly binary format (spec §5.2): bytes,
 * unsigned and signed LEB128, names and length-prefixed vectors.
 */
public final class WasmBytes {
    private byte[] bytes = new byte[64];
    private int length;

    /** Appends one byte (the low 8 bits of {@code b}). */
    public WasmBytes u8(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
        return this;
    }

    private void reserve(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Appends {@code value} as unsigned LEB128 (u32 or u64: the caller keeps it in range). */
    public WasmBytes unsigned(long value) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7F);
            rest >>>= 7;
            u8(rest != 0 ? b | 0x80 : b);
        } while (rest != 0);
        return this;
    }

    /** Appends {@code value} as signed LEB128 (s32, s33 or s64). */
    public WasmBytes signed(long value) {
        long rest = value;
        while (true) {
            int b = (int) (rest & 0x7F);
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    /** Appends a name: its UTF-8 length, then its UTF-8 bytes. */
    public WasmBytes name(String name) {
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        unsigned(utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    /** Appends bytes as they are. */
    public WasmBytes raw(byte[] src, int offset, int count) {
        reserve(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Appends another buffer's bytes as they are. */
    public WasmBytes raw(WasmBytes other) {
        return raw(other.bytes, 0, other.length);
    }

    /** Appends another buffer's bytes prefixed by their count (a section's or a body's size). */
    public WasmBytes sized(WasmBytes content) {
        unsigned(content.length);
        return raw(content);
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
