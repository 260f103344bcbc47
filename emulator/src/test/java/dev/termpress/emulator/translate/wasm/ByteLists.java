package dev.termpress.emulator.translate.wasm;

/** Expected module bytes written as the spec writes them: one int per byte, 0x00 to 0xFF. */
final class ByteLists {

    private ByteLists() {
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
