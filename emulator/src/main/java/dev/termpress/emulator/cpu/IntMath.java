package dev.termpress.emulator.cpu;

/**
 * The M extension's arithmetic (unprivileged spec chapter 13), written without
 * {@code Math.multiplyHigh} (missing in TeaVM) and with every division guarded: WebAssembly GC
 * traps on division by zero and on {@code MIN_VALUE / -1}, where RISC-V defines a result.
 */
final class IntMath {

    private static final long LOW32 = 0xffff_ffffL;

    private IntMath() {
    }

    /** High 64 bits of the unsigned 128-bit product. */
    static long mulhu(long a, long b) {
        long aLo = a & LOW32;
        long aHi = a >>> 32;
        long bLo = b & LOW32;
        long bHi = b >>> 32;
        long lolo = aLo * bLo;
        long hilo = aHi * bLo;
        long lohi = aLo * bHi;
        long hihi = aHi * bHi;
        long middle = (lolo >>> 32) + (hilo & LOW32) + (lohi & LOW32);
        return hihi + (hilo >>> 32) + (lohi >>> 32) + (middle >>> 32);
    }

    /** High 64 bits of the signed 128-bit product. */
    static long mulh(long a, long b) {
        long high = mulhu(a, b);
        if (a < 0) {
            high -= b;
        }
        if (b < 0) {
            high -= a;
        }
        return high;
    }

    /** High 64 bits of signed {@code a} times unsigned {@code b}. */
    static long mulhsu(long a, long b) {
        long high = mulhu(a, b);
        return a < 0 ? high - b : high;
    }

    static long div(long a, long b) {
        if (b == 0) {
            return -1;
        }
        if (b == -1) {
            return -a; // MIN_VALUE / -1 overflows to MIN_VALUE, as the spec says
        }
        return a / b;
    }

    static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        if (b == -1) {
            return 0;
        }
        return a % b;
    }

    static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    static long divw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return -1;
        }
        if (y == -1) {
            return -x;
        }
        return x / y;
    }

    static long divuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? -1 : Integer.divideUnsigned((int) a, y);
    }

    static long remw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return x;
        }
        if (y == -1) {
            return 0;
        }
        return x % y;
    }

    static long remuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? (int) a : Integer.remainderUnsigned((int) a, y);
    }
}
