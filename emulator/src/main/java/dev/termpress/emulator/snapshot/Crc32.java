package dev.termpress.emulator.snapshot;

/**
 * CRC-32 (IEEE 802.3, the polynomial of gzip and PNG), written here because the emulator cannot use
 * java.util.zip under TeaVM. It detects damage, not tampering: hosts verify content digests themselves.
 */
final class Crc32 {

    private static final int POLYNOMIAL = 0xedb8_8320; // reflected 0x04c11db7
    private static final int[] TABLE = table();

    private Crc32() {
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }

    /** The CRC-32 of {@code bytes[offset, offset + length)}. */
    static int of(byte[] bytes, int offset, int length) {
        int c = ~0;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }
}
