package dev.termpress.emulator.p9;

import java.nio.charset.StandardCharsets;

/** Decodes one R-message in tests; reading past its end fails the test. */
final class RMessage {

    final byte[] bytes;
    final int size;
    final int type;
    final int tag;
    private int position = NineP.HEADER_SIZE;

    RMessage(byte[] bytes) {
        this.bytes = bytes;
        if (bytes.length < NineP.HEADER_SIZE) {
            throw new AssertionError("reply of " + bytes.length + " bytes");
        }
        this.size = bytes[0] & 0xff | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
        this.type = bytes[4] & 0xff;
        this.tag = bytes[5] & 0xff | (bytes[6] & 0xff) << 8;
        if (size != bytes.length) {
            throw new AssertionError("size field " + size + " but " + bytes.length + " bytes");
        }
    }

    boolean isError() {
        return type == NineP.RLERROR;
    }

    /** The Rlerror errno, or -1 for any other reply. */
    int errno() {
        return isError() ? (int) peekU32(NineP.HEADER_SIZE) : -1;
    }

    private long peekU32(int at) {
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    int u8() {
        need(1);
        return bytes[position++] & 0xff;
    }

    int u16() {
        return u8() | u8() << 8;
    }

    int u32() {
        return u16() | u16() << 16;
    }

    long u64() {
        return (u32() & 0xffff_ffffL) | (long) u32() << 32;
    }

    String string() {
        int n = u16();
        need(n);
        String s = new String(bytes, position, n, StandardCharsets.UTF_8);
        position += n;
        return s;
    }

    byte[] raw(int n) {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return b;
    }

    Qid qid() {
        return new Qid(u8(), u32(), u64());
    }

    int remaining() {
        return size - position;
    }

    private void need(int n) {
        if (position + n > size) {
            throw new AssertionError("reply type " + type + " too short");
        }
    }

    record Qid(int type, int version, long path) {
    }

    @Override
    public String toString() {
        return "R(type " + type + ", tag " + tag + (isError() ? ", errno " + errno() : "") + ")";
    }
}
