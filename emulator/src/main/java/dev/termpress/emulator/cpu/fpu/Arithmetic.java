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

/**
 * Correctly rounded add, multiply, divide and square root (IEEE 754-2019 §5.4.1) on integer
 * significands, for any rounding mode; formats are given by fraction and exponent widths.
 */
final class Arithmetic {

    private Arithmetic() {
    }

    /** Canonical NaN result when an operand is NaN; NV if one of them signals. */
    static long nanResult(SoftFloat env, long a, long b, int fb, int eb) {
        if (isSignalingNaN(a, fb, eb) || isSignalingNaN(b, fb, eb)) {
            env.flags |= SoftFloat.NV;
        }
        return canonicalNaN(fb, eb);
    }

    static long invalid(SoftFloat env, int fb, int eb) {
        env.flags |= SoftFloat.NV;
        return canonicalNaN(fb, eb);
    }

    /** IEEE 754-2019 §6.3: an exact zero sum of opposite-signed operands is +0, or -0 under RDN. */
    static long exactZeroSum(int rm, int fb, int eb) {
        return zero(rm == SoftFloat.RDN ? 1 : 0, fb, eb);
    }

    static long add(SoftFloat env, long a, long b, int rm, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            return nanResult(env, a, b, fb, eb);
        }
        int signA = sign(a, fb, eb);
        int signB = sign(b, fb, eb);
        if (isInf(a, fb, eb)) {
            return isInf(b, fb, eb) && signA != signB ? invalid(env, fb, eb) : a;
        }
        if (isInf(b, fb, eb)) {
            return b;
        }
        if (isZero(a, fb, eb)) {
            if (isZero(b, fb, eb)) {
                return signA == signB ? a : exactZeroSum(rm, fb, eb);
            }
            return b;
        }
        if (isZero(b, fb, eb)) {
            return a;
        }
        int expA = exp(a, fb, eb);
        int expB = exp(b, fb, eb);
        long sigA = sig(a, fb, eb);
        long sigB = sig(b, fb, eb);
        if (expA < expB || (expA == expB && sigA < sigB)) {
            int t = expA;
            expA = expB;
            expB = t;
            long s = sigA;
            sigA = sigB;
            sigB = s;
            int g = signA;
            signA = signB;
            signB = g;
        }
        // One bit of headroom for the carry; the low bits are zero, so this loses nothing.
        sigA >>>= 1;
        sigB = Wide.shiftRightJam(sigB >>> 1, expA - expB);
        long sum = signA == signB ? sigA + sigB : sigA - sigB;
        if (sum == 0) {
            return exactZeroSum(rm, fb, eb);
        }
        int lead = Long.numberOfLeadingZeros(sum) - 1;
        return Rounding.pack(env, signA, expA + 1 - lead, sum << lead, rm, fb, eb);
    }

    static long mul(SoftFloat env, long a, long b, int rm, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            return nanResult(env, a, b, fb, eb);
        }
        int sign = sign(a, fb, eb) ^ sign(b, fb, eb);
        boolean zeroA = isZero(a, fb, eb);
        boolean zeroB = isZero(b, fb, eb);
        if (isInf(a, fb, eb) || isInf(b, fb, eb)) {
            return zeroA || zeroB ? invalid(env, fb, eb) : infinity(sign, fb, eb);
        }
        if (zeroA || zeroB) {
            return zero(sign, fb, eb);
        }
        long sigA = sig(a, fb, eb);
        long sigB = sig(b, fb, eb);
        long hi = Wide.mulHighUnsigned(sigA, sigB);
        long lo = sigA * sigB;
        // The 126-bit product shifted right by 63: leading one at bit 61 or 62.
        long sig = Wide.shiftRightJamLow(hi, lo, 63);
        int exp = exp(a, fb, eb) + exp(b, fb, eb) + 1;
        if (sig >>> SIG_TOP == 0) {
            sig <<= 1;
            exp--;
        }
        return Rounding.pack(env, sign, exp, sig, rm, fb, eb);
    }

    static long div(SoftFloat env, long a, long b, int rm, int fb, int eb) {
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb)) {
            return nanResult(env, a, b, fb, eb);
        }
        int sign = sign(a, fb, eb) ^ sign(b, fb, eb);
        boolean infA = isInf(a, fb, eb);
        boolean infB = isInf(b, fb, eb);
        boolean zeroA = isZero(a, fb, eb);
        boolean zeroB = isZero(b, fb, eb);
        if ((infA && infB) || (zeroA && zeroB)) {
            return invalid(env, fb, eb);
        }
        if (infA) {
            return infinity(sign, fb, eb);
        }
        if (infB || zeroA) {
            return zero(sign, fb, eb);
        }
        if (zeroB) {
            env.flags |= SoftFloat.DZ;
            return infinity(sign, fb, eb);
        }
        long remainder = sig(a, fb, eb) >>> 1;
        long divisor = sig(b, fb, eb) >>> 1;
        int exp = exp(a, fb, eb) - exp(b, fb, eb);
        if (remainder < divisor) {
            remainder <<= 1;
            exp--;
        }
        // Restoring division: precision + guard + round bits, the rest goes to sticky.
        int quotientBits = fb + 3;
        long quotient = 0;
        for (int i = 0; i < quotientBits; i++) {
            quotient <<= 1;
            if (remainder >= divisor) {
                remainder -= divisor;
                quotient |= 1;
            }
            remainder <<= 1;
        }
        long sig = (quotient << (63 - quotientBits)) | (remainder != 0 ? 1 : 0);
        return Rounding.pack(env, sign, exp, sig, rm, fb, eb);
    }

    static long sqrt(SoftFloat env, long a, int rm, int fb, int eb) {
        if (isNaN(a, fb, eb)) {
            return nanResult(env, a, a, fb, eb);
        }
        if (isZero(a, fb, eb)) {
            return a;
        }
        if (sign(a, fb, eb) != 0) {
            return invalid(env, fb, eb);
        }
        if (isInf(a, fb, eb)) {
            return a;
        }
        int exp = exp(a, fb, eb);
        long sig = sig(a, fb, eb);
        // Make the exponent even: the radicand's integer part is then 1..3.
        int radicandPoint = SIG_TOP - (exp & 1);
        int rootFractionBits = fb + 2;
        int shift = 2 * rootFractionBits - radicandPoint;
        long hi;
        long lo;
        if (shift >= 0) {
            hi = shift == 0 ? 0 : sig >>> (64 - shift);
            lo = sig << shift;
        } else {
            hi = 0;
            lo = sig >>> -shift; // exact: the low 62 - fb bits of sig are zero
        }
        // Digit-by-digit square root of the integer (hi:lo), two radicand bits per root bit.
        long root = 0;
        long remainder = 0;
        for (int pair = rootFractionBits; pair >= 0; pair--) {
            int pos = 2 * pair;
            long twoBits = pos >= 64 ? (hi >>> (pos - 64)) & 3 : (lo >>> pos) & 3;
            remainder = (remainder << 2) | twoBits;
            long trial = (root << 2) | 1;
            root <<= 1;
            if (remainder >= trial) {
                remainder -= trial;
                root |= 1;
            }
        }
        long rootSig = (root << (SIG_TOP - rootFractionBits)) | (remainder != 0 ? 1 : 0);
        return Rounding.pack(env, 0, exp >> 1, rootSig, rm, fb, eb);
    }
}
