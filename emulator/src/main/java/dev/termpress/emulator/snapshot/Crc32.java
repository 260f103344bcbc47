package dev.termpress.emulator.snapshot;

/**
 * CRC-32 (IEEE 802.3, the polynomial of gzip and PNG), written here because the emulator cannot use
 * java.util.zip under TeaVM. It detects damage, not tampering: hosts verify content digests themselves.
 * Eight bytes per step through eight tables ("slicing by 8"): a browser resume checks a 6.6 MB snapshot
 * before it runs, and one table lookup per byte made that a visible part of the wait.
 */
final class Crc32 {

    private static final int POLYNOMIAL = 0xedb8_8320; // reflected 0x04c11db7
    /** TABLES[k][b]: the CRC of byte b followed by k zero bytes; TABLES[0] is the classic table. */
    private static final int[][] TABLES = tables();

    private Crc32() {
    }

    private static int[][] tables() {
        int[][] tables = new int[8][256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
            }
            tables[0][n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int previous = tables[k - 1][n];
                tables[k][n] = tables[0][previous & 0xff] ^ (previous >>> 8);
            }
        }
        return tables;
    }

    /** The CRC-32 of {@code bytes[offset, offset + length)}. */
    static int of(byte[] bytes, int offset, int length) {
        int[] t0 = TABLES[0];
        int[] t1 = TABLES[1];
        int[] t2 = TABLES[2];
        int[] t3 = TABLES[3];
        int[] t4 = TABLES[4];
        int[] t5 = TABLES[5];
        int[] t6 = TABLES[6];
        int[] t7 = TABLES[7];
        int c = ~0;
        int i = offset;
        int end = offset + length;
        for (int last = end - 8; i <= last; i += 8) {
            int low = c ^ (bytes[i] & 0xff | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16
                    | (bytes[i + 3] & 0xff) << 24);
            c = t7[low & 0xff] ^ t6[(low >>> 8) & 0xff] ^ t5[(low >>> 16) & 0xff] ^ t4[low >>> 24]
                    ^ t3[bytes[i + 4] & 0xff] ^ t2[bytes[i + 5] & 0xff] ^ t1[bytes[i + 6] & 0xff]
                    ^ t0[bytes[i + 7] & 0xff];
        }
        for (; i < end; i++) {
            c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }
}
