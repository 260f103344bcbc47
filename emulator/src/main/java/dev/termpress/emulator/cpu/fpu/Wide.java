package dev.termpress.emulator.cpu.fpu;

/**
 * Unsigned 64- and 128-bit helpers on plain longs; 128-bit values travel as (hi, lo) pairs.
 * TeaVM 0.15 has no {@code Math.multiplyHigh} (DESIGN §5), so the high product is built from halves.
 */
public final class Wide {

    private static final long LOW32 = 0xffff_ffffL;

    private Wide() {
    }

    /** High 64 bits of the unsigned 128-bit product x * y. */
    public static long mulHighUnsigned(long x, long y) {
        long x0 = x & LOW32;
        long x1 = x >>> 32;
        long y0 = y & LOW32;
        long y1 = y >>> 32;
        long p00 = x0 * y0;
        long p01 = x0 * y1;
        long p10 = x1 * y0;
        long p11 = x1 * y1;
        long middle = (p00 >>> 32) + (p01 & LOW32) + (p10 & LOW32);
        return p11 + (p01 >>> 32) + (p10 >>> 32) + (middle >>> 32);
    }

    /** x >>> n with every shifted-out one bit ORed into bit 0 ("jamming"), for any n >= 0. */
    static long shiftRightJam(long x, int n) {
        if (n <= 0) {
            return x;
        }
        if (n >= 64) {
            return x != 0 ? 1 : 0;
        }
        return (x >>> n) | ((x << (64 - n)) != 0 ? 1 : 0);
    }

    /** High word of (hi:lo) >>> n, for any n >= 0. */
    static long shiftRightHigh(long hi, int n) {
        return n >= 64 ? 0 : hi >>> n;
    }

    /** Low word of (hi:lo) >>> n with shifted-out one bits jammed into bit 0, for any n >= 0. */
    static long shiftRightJamLow(long hi, long lo, int n) {
        if (n == 0) {
            return lo;
        }
        if (n < 64) {
            return (hi << (64 - n)) | (lo >>> n) | ((lo << (64 - n)) != 0 ? 1 : 0);
        }
        if (n == 64) {
            return hi | (lo != 0 ? 1 : 0);
        }
        if (n < 128) {
            return (hi >>> (n - 64)) | (((hi << (128 - n)) | lo) != 0 ? 1 : 0);
        }
        return (hi | lo) != 0 ? 1 : 0;
    }

    /** Unsigned x < y. */
    static boolean lessUnsigned(long x, long y) {
        return (x ^ Long.MIN_VALUE) < (y ^ Long.MIN_VALUE);
    }
}
