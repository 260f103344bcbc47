package dev.termpress.emulator.cpu;

import dev.termpress.emulator.cpu.fpu.Wide;

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
        return Wide.mulHighUnsigned(a, b);
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
        return b == 0 ? -1 : unsignedQuotient(a, b);
    }

    /** Unsigned 64-bit quotient for b != 0, with signed divisions only (no JDK helper needed). */
    static long unsignedQuotient(long a, long b) {
        if (b < 0) {
            return Long.compareUnsigned(a, b) >= 0 ? 1 : 0; // divisor >= 2^63
        }
        if (a >= 0) {
            return a / b;
        }
        long q = ((a >>> 1) / b) << 1;
        long r = a - q * b;
        return Long.compareUnsigned(r, b) >= 0 ? q + 1 : q;
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
        return b == 0 ? a : a - unsignedQuotient(a, b) * b;
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
        return y == 0 ? -1 : (int) ((a & LOW32) / (y & LOW32));
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
        return y == 0 ? (int) a : (int) ((a & LOW32) % (y & LOW32));
    }

    /** Marks an illegal OP-32 encoding; never a real result, since those are sign-extended words. */
    static final long ILLEGAL_RESULT = 0x5a5a_5a5a_5a5a_5a5aL;

    static long multiplyDivide(int funct3, long a, long b) {
        switch (funct3) {
            case 0:
                return a * b;
            case 1:
                return mulh(a, b);
            case 2:
                return mulhsu(a, b);
            case 3:
                return mulhu(a, b);
            case 4:
                return div(a, b);
            case 5:
                return divu(a, b);
            case 6:
                return rem(a, b);
            default:
                return remu(a, b);
        }
    }

    /** OP-32 (RV64I and RV64M word ops); {@link #ILLEGAL_RESULT} for reserved encodings. */
    static long op32(int insn, int funct3, long a, long b) {
        int funct7 = insn >>> 25;
        int x1 = (int) a;
        int x2 = (int) b;
        if (funct7 == 0) {
            switch (funct3) {
                case 0:
                    return x1 + x2;
                case 1:
                    return x1 << x2;
                case 5:
                    return x1 >>> x2;
                default:
                    break;
            }
        } else if (funct7 == 0x20) {
            if (funct3 == 0) {
                return x1 - x2;
            }
            if (funct3 == 5) {
                return x1 >> x2;
            }
        } else if (funct7 == 1) {
            switch (funct3) {
                case 0:
                    return x1 * x2;
                case 4:
                    return divw(a, b);
                case 5:
                    return divuw(a, b);
                case 6:
                    return remw(a, b);
                case 7:
                    return remuw(a, b);
                default:
                    break;
            }
        }
        return ILLEGAL_RESULT;
    }
}
