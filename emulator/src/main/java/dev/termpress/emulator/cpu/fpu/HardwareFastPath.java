package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.FloatBits.F64_EXP;
import static dev.termpress.emulator.cpu.fpu.FloatBits.F64_FRAC;

/**
 * binary64 add, multiply, divide and square root through the host's IEEE arithmetic, which rounds
 * to nearest even on HotSpot and WebAssembly alike. An exact integer residual (the sign of
 * true result minus host result) then yields the inexact flag and the directed-mode result.
 *
 * <p>Only cases that are provably exact this way are taken: finite operands and a normal result
 * strictly inside (smallest normal, largest finite), so neither UF nor OF can arise and one ulp
 * up or down stays normal. Everything else returns {@link #NOT_HANDLED} before touching flags.
 */
final class HardwareFastPath {

    /** A signaling NaN: arithmetic never returns one, so it can mark "use the integer path". */
    static final long NOT_HANDLED = 0x7ff0_0000_0000_0001L;

    private static final long MAGNITUDE = 0x7fff_ffff_ffff_ffffL;
    private static final long INFINITY = 0x7ff0_0000_0000_0000L;
    private static final long MIN_NORMAL = 0x0010_0000_0000_0000L;
    private static final long MAX_FINITE = 0x7fef_ffff_ffff_ffffL;
    /** 2^1021: below it, the intermediates of TwoSum cannot overflow. */
    private static final long TWO_SUM_LIMIT = 0x7fd0_0000_0000_0000L;
    private static final int INTEGER_SHIFT = FloatBits.SIG_TOP - F64_FRAC;

    private HardwareFastPath() {
    }

    private static boolean finiteNonZero(long bits) {
        long magnitude = bits & MAGNITUDE;
        return magnitude != 0 && magnitude < INFINITY;
    }

    private static boolean safelyNormal(long bits) {
        long magnitude = bits & MAGNITUDE;
        return magnitude > MIN_NORMAL && magnitude < MAX_FINITE;
    }

    /** Integer significand with the leading one at bit 52, subnormals normalised. */
    private static long mant(long bits) {
        return FloatBits.sig(bits, F64_FRAC, F64_EXP) >>> INTEGER_SHIFT;
    }

    private static int exp(long bits) {
        return FloatBits.exp(bits, F64_FRAC, F64_EXP);
    }

    static long add(SoftFloat env, long a, long b, int rm) {
        // RMM can meet exact ties; exact zeros have mode-dependent signs: both go the long way.
        if (rm == SoftFloat.RMM || (a & MAGNITUDE) >= TWO_SUM_LIMIT || (b & MAGNITUDE) >= TWO_SUM_LIMIT) {
            return NOT_HANDLED;
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double s = x + y;
        if (s == 0) {
            return NOT_HANDLED;
        }
        // Knuth's TwoSum: err is exactly (x + y) - s. Inexact sums are never tiny, so no UF.
        double bb = s - x;
        double err = (x - (s - bb)) + (y - bb);
        int towardsLarger = err == 0 ? 0 : (err > 0) == (s > 0) ? 1 : -1;
        return adjust(env, Double.doubleToRawLongBits(s), towardsLarger, rm);
    }

    static long mul(SoftFloat env, long a, long b, int rm) {
        if (rm == SoftFloat.RMM || !finiteNonZero(a) || !finiteNonZero(b)) {
            return NOT_HANDLED;
        }
        long r = Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
        if (!safelyNormal(r)) {
            return NOT_HANDLED;
        }
        int k = exp(r) - exp(a) - exp(b) + F64_FRAC;
        if (k < 0 || k > 64) {
            return NOT_HANDLED;
        }
        // |r| - |a*b| has the sign of mant(r) * 2^k - mant(a) * mant(b).
        return adjust(env, r, -residualSign(mant(a), mant(b), mant(r), k), rm);
    }

    static long div(SoftFloat env, long a, long b, int rm) {
        if (!finiteNonZero(a) || !finiteNonZero(b)) {
            return NOT_HANDLED;
        }
        long q = Double.doubleToRawLongBits(Double.longBitsToDouble(a) / Double.longBitsToDouble(b));
        if (!safelyNormal(q)) {
            return NOT_HANDLED;
        }
        int k = exp(a) - exp(q) - exp(b) + F64_FRAC;
        if (k < 0 || k > 64) {
            return NOT_HANDLED;
        }
        // |a/b| - |q| has the sign of |a| - |q|*|b|. A normal quotient is never an exact tie,
        // so the host's RNE result is also the RMM result.
        return adjust(env, q, residualSign(mant(q), mant(b), mant(a), k), rm);
    }

    static long sqrt(SoftFloat env, long a, int rm) {
        if (!finiteNonZero(a) || a < 0) {
            return NOT_HANDLED;
        }
        long r = Double.doubleToRawLongBits(Math.sqrt(Double.longBitsToDouble(a)));
        if (!safelyNormal(r)) {
            return NOT_HANDLED;
        }
        int k = exp(a) - 2 * exp(r) + F64_FRAC;
        if (k < 0 || k > 64) {
            return NOT_HANDLED;
        }
        // sqrt(a) - r has the sign of a - r^2; a square root is never an exact tie either.
        return adjust(env, r, residualSign(mant(r), mant(r), mant(a), k), rm);
    }

    /** Sign of m3 * 2^k - m1 * m2, for 53-bit m1, m2, m3 and 0 <= k <= 64. */
    private static int residualSign(long m1, long m2, long m3, int k) {
        long productHi = Wide.mulHighUnsigned(m1, m2);
        long productLo = m1 * m2;
        long shiftedHi = k == 0 ? 0 : k == 64 ? m3 : m3 >>> (64 - k);
        long shiftedLo = k == 64 ? 0 : m3 << k;
        if (shiftedHi != productHi) {
            return shiftedHi > productHi ? 1 : -1;
        }
        if (shiftedLo == productLo) {
            return 0;
        }
        return Wide.lessUnsigned(shiftedLo, productLo) ? -1 : 1;
    }

    /**
     * Turns the host's round-to-nearest-even result into the result for {@code rm}, given whether
     * the exact magnitude lies above (1), below (-1) or at (0) it. Stepping the raw bits by one
     * moves the magnitude by one ulp, across binades too.
     */
    private static long adjust(SoftFloat env, long nearest, int towardsLarger, int rm) {
        if (towardsLarger == 0) {
            return nearest;
        }
        env.flags |= SoftFloat.NX;
        boolean negative = nearest < 0;
        switch (rm) {
            case SoftFloat.RTZ:
                return towardsLarger < 0 ? nearest - 1 : nearest;
            case SoftFloat.RDN:
                return negative ? (towardsLarger > 0 ? nearest + 1 : nearest)
                        : (towardsLarger < 0 ? nearest - 1 : nearest);
            case SoftFloat.RUP:
                return negative ? (towardsLarger < 0 ? nearest - 1 : nearest)
                        : (towardsLarger > 0 ? nearest + 1 : nearest);
            default: // RNE, and RMM where the caller has ruled out ties
                return nearest;
        }
    }
}
