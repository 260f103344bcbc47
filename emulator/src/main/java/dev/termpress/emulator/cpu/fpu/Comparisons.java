package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.FloatBits.canonicalNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.expField;
import static dev.termpress.emulator.cpu.fpu.FloatBits.fraction;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isSignalingNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.magnitude;
import static dev.termpress.emulator.cpu.fpu.FloatBits.maxExpField;
import static dev.termpress.emulator.cpu.fpu.FloatBits.sign;

/** FEQ/FLT/FLE, FMIN/FMAX and FCLASS (RISC-V unprivileged spec §11.6, §11.8, §11.9). */
final class Comparisons {

    /** FCLASS result bits (RISC-V unprivileged spec §11.9, table "Format of result of FCLASS"). */
    static final int CLASS_NEG_INF = 1;
    static final int CLASS_NEG_NORMAL = 1 << 1;
    static final int CLASS_NEG_SUBNORMAL = 1 << 2;
    static final int CLASS_NEG_ZERO = 1 << 3;
    static final int CLASS_POS_ZERO = 1 << 4;
    static final int CLASS_POS_SUBNORMAL = 1 << 5;
    static final int CLASS_POS_NORMAL = 1 << 6;
    static final int CLASS_POS_INF = 1 << 7;
    static final int CLASS_SIGNALING_NAN = 1 << 8;
    static final int CLASS_QUIET_NAN = 1 << 9;

    private Comparisons() {
    }

    /** A signed key that orders non-NaN values numerically, with -0 just below +0. */
    private static long orderKey(long bits, int fb, int eb) {
        long magnitude = magnitude(bits, fb, eb);
        return sign(bits, fb, eb) != 0 ? ~magnitude : magnitude;
    }

    private static boolean bothZero(long a, long b, int fb, int eb) {
        return (magnitude(a, fb, eb) | magnitude(b, fb, eb)) == 0;
    }

    /** Quiet equality: NV only for a signaling NaN. */
    static boolean eq(SoftFloat env, long a, long b, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            if (isSignalingNaN(a, fb, eb) || isSignalingNaN(b, fb, eb)) {
                env.flags |= SoftFloat.NV;
            }
            return false;
        }
        return a == b || bothZero(a, b, fb, eb);
    }

    /** Signaling less-than: NV for any NaN. */
    static boolean lt(SoftFloat env, long a, long b, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            env.flags |= SoftFloat.NV;
            return false;
        }
        return !bothZero(a, b, fb, eb) && orderKey(a, fb, eb) < orderKey(b, fb, eb);
    }

    /** Signaling less-or-equal: NV for any NaN. */
    static boolean le(SoftFloat env, long a, long b, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            env.flags |= SoftFloat.NV;
            return false;
        }
        return bothZero(a, b, fb, eb) || orderKey(a, fb, eb) <= orderKey(b, fb, eb);
    }

    /** FMIN (isMax false) or FMAX: -0 below +0, a single NaN operand yields the other. */
    static long minMax(SoftFloat env, long a, long b, boolean isMax, int fb, int eb) {
        boolean nanA = isNaN(a, fb, eb);
        boolean nanB = isNaN(b, fb, eb);
        if (isSignalingNaN(a, fb, eb) || isSignalingNaN(b, fb, eb)) {
            env.flags |= SoftFloat.NV;
        }
        if (nanA && nanB) {
            return canonicalNaN(fb, eb);
        }
        if (nanA) {
            return b;
        }
        if (nanB) {
            return a;
        }
        boolean aBelow = orderKey(a, fb, eb) < orderKey(b, fb, eb);
        return aBelow != isMax ? a : b;
    }

    static int classify(long bits, int fb, int eb) {
        boolean negative = sign(bits, fb, eb) != 0;
        int field = expField(bits, fb, eb);
        long fraction = fraction(bits, fb);
        if (field == maxExpField(eb)) {
            if (fraction == 0) {
                return negative ? CLASS_NEG_INF : CLASS_POS_INF;
            }
            return (fraction & (1L << (fb - 1))) != 0 ? CLASS_QUIET_NAN : CLASS_SIGNALING_NAN;
        }
        if (field != 0) {
            return negative ? CLASS_NEG_NORMAL : CLASS_POS_NORMAL;
        }
        if (fraction != 0) {
            return negative ? CLASS_NEG_SUBNORMAL : CLASS_POS_SUBNORMAL;
        }
        return negative ? CLASS_NEG_ZERO : CLASS_POS_ZERO;
    }
}
