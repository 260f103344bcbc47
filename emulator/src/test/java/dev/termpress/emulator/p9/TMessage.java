package dev.termpress.emulator.p9;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes one T-message for tests: fields appended in order, the size filled in by {@link #bytes}. */
final class TMessage {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TMessage(int type, int tag) {
        u32(0).u8(type).u16(tag);
    }

    TMessage u8(int v) {
        out.write(v);
        return this;
    }

    TMessage u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    TMessage u32(int v) {
        return u16(v).u16(v >>> 16);
    }

    TMessage u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    TMessage string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u16(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    TMessage raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    byte[] bytes() {
        byte[] b = out.toByteArray();
        b[0] = (byte) b.length;
        b[1] = (byte) (b.length >>> 8);
        b[2] = (byte) (b.length >>> 16);
        b[3] = (byte) (b.length >>> 24);
        return b;
    }
}
