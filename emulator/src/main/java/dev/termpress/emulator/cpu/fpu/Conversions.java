package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.FloatBits.SIG_TOP;
import static dev.termpress.emulator.cpu.fpu.FloatBits.canonicalNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.exp;
import static dev.termpress.emulator.cpu.fpu.FloatBits.infinity;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isInf;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isSignalingNaN;
import static dev.termpress.emulator.cpu.fpu.FloatBits.isZero;
import static dev.termpress.emulator.cpu.fpu.FloatBits.sig;
import static dev.termpress.emulator.cpu.fpu.FloatBits.sign;
import static dev.termpress.emulator.cpu.fpu.FloatBits.zero;

/** FCVT between formats and integers (RISC-V unprivileged spec §11.7, §12.5). */
final class Conversions {

    private Conversions() {
    }

    /**
     * Float to a 32- or 64-bit, signed or unsigned integer, rounded by {@code rm}. Out-of-range
     * inputs, infinities and NaN saturate and raise NV only (spec table "FCVT.W/WU/L/LU"); 32-bit
     * results come back sign-extended, as RV64 writes them.
     */
    static long toInt(SoftFloat env, long a, int rm, boolean signed, int width, int fb, int eb) {
        if (isNaN(a, fb, eb)) {
            return saturate(env, 0, signed, width);
        }
        int sign = sign(a, fb, eb);
        if (isInf(a, fb, eb)) {
            return saturate(env, sign, signed, width);
        }
        if (isZero(a, fb, eb)) {
            return 0;
        }
        int exp = exp(a, fb, eb);
        long sig = sig(a, fb, eb);
        if (exp >= 64) {
            return saturate(env, sign, signed, width);
        }
        long magnitude;
        boolean inexact;
        if (exp >= SIG_TOP) {
            magnitude = sig << (exp - SIG_TOP); // may be >= 2^63: read as unsigned below
            inexact = false;
        } else {
            int fractionBits = SIG_TOP - exp;
            long integer;
            long fraction;
            long half;
            if (fractionBits >= 64) {
                // |a| < 1/2: the integer part is 0 and the fraction below one half.
                integer = 0;
                fraction = sig;
                half = Long.MAX_VALUE;
            } else {
                integer = sig >>> fractionBits;
                fraction = sig & ((1L << fractionBits) - 1);
                half = 1L << (fractionBits - 1);
            }
            inexact = fraction != 0;
            boolean up;
            switch (rm) {
                case SoftFloat.RTZ:
                    up = false;
                    break;
                case SoftFloat.RDN:
                    up = inexact && sign != 0;
                    break;
                case SoftFloat.RUP:
                    up = inexact && sign == 0;
                    break;
                case SoftFloat.RMM:
                    up = fraction >= half && fractionBits < 64;
                    break;
                default: // RNE
                    up = fractionBits < 64
                            && (fraction > half || (fraction == half && (integer & 1) != 0));
                    break;
            }
            magnitude = integer + (up ? 1 : 0);
        }
        if (!fits(magnitude, sign, signed, width)) {
            return saturate(env, sign, signed, width);
        }
        if (inexact) {
            env.flags |= SoftFloat.NX;
        }
        long result = sign != 0 ? -magnitude : magnitude;
        return width == 32 ? (long) (int) result : result;
    }

    private static boolean fits(long magnitude, int sign, boolean signed, int width) {
        if (!signed) {
            return sign != 0 ? magnitude == 0 : width == 64 || (magnitude >>> 32) == 0;
        }
        long limit = (sign != 0 ? 1L << (width - 1) : (1L << (width - 1)) - 1);
        return !Wide.lessUnsigned(limit, magnitude);
    }

    /** Clips to the nearest bound (NaN counts as positive) and raises NV. */
    private static long saturate(SoftFloat env, int sign, boolean signed, int width) {
        env.flags |= SoftFloat.NV;
        long result;
        if (signed) {
            result = sign != 0 ? -(1L << (width - 1)) : (1L << (width - 1)) - 1;
        } else {
            result = sign != 0 ? 0 : -1L >>> (64 - width);
        }
        return width == 32 ? (long) (int) result : result;
    }

    /** Signed or unsigned 64-bit integer to float, rounded by {@code rm}. */
    static long fromInt(SoftFloat env, long v, boolean signed, int rm, int fb, int eb) {
        int sign = signed && v < 0 ? 1 : 0;
        long magnitude = sign != 0 ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
        if (magnitude == 0) {
            return zero(0, fb, eb);
        }
        int zeros = Long.numberOfLeadingZeros(magnitude);
        if (zeros == 0) {
            return Rounding.pack(env, sign, 63, Wide.shiftRightJam(magnitude, 1), rm, fb, eb);
        }
        return Rounding.pack(env, sign, 63 - zeros, magnitude << (zeros - 1), rm, fb, eb);
    }

    /** Between formats: exact when widening, rounded by {@code rm} when narrowing; NaN becomes canonical. */
    static long convert(SoftFloat env, long a, int rm, int fbFrom, int ebFrom, int fbTo, int ebTo) {
        if (isNaN(a, fbFrom, ebFrom)) {
            if (isSignalingNaN(a, fbFrom, ebFrom)) {
                env.flags |= SoftFloat.NV;
            }
            return canonicalNaN(fbTo, ebTo);
        }
        int sign = sign(a, fbFrom, ebFrom);
        if (isInf(a, fbFrom, ebFrom)) {
            return infinity(sign, fbTo, ebTo);
        }
        if (isZero(a, fbFrom, ebFrom)) {
            return zero(sign, fbTo, ebTo);
        }
        return Rounding.pack(env, sign, exp(a, fbFrom, ebFrom), sig(a, fbFrom, ebFrom), rm, fbTo, ebTo);
    }
}
