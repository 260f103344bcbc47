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
 * a * b + c with a single rounding (IEEE 754-2019 §5.4.1 fusedMultiplyAdd). The exact product is
 * kept as a 128-bit integer and the addend is aligned to it, so only the final step rounds.
 */
final class FusedMultiplyAdd {

    /** Scale of the 128-bit operands: the product of two bit-62 significands has its point here. */
    private static final int POINT = 2 * SIG_TOP;

    private FusedMultiplyAdd() {
    }

    static long fma(SoftFloat env, long a, long b, long c, int rm, int fb, int eb) {
        boolean infA = isInf(a, fb, eb);
        boolean infB = isInf(b, fb, eb);
        boolean zeroA = isZero(a, fb, eb);
        boolean zeroB = isZero(b, fb, eb);
        // RISC-V (unprivileged spec §11.6): inf * 0 signals invalid even when c is a quiet NaN.
        boolean invalidProduct = (infA && zeroB) || (zeroA && infB);
        if (isNaN(a, fb, eb) || isNaN(b, fb, eb) || isNaN(c, fb, eb) || invalidProduct) {
            if (invalidProduct || isSignalingNaN(a, fb, eb) || isSignalingNaN(b, fb, eb)
                    || isSignalingNaN(c, fb, eb)) {
                env.flags |= SoftFloat.NV;
            }
            return canonicalNaN(fb, eb);
        }
        int signP = sign(a, fb, eb) ^ sign(b, fb, eb);
        int signC = sign(c, fb, eb);
        if (infA || infB) {
            return isInf(c, fb, eb) && signC != signP
                    ? Arithmetic.invalid(env, fb, eb) : infinity(signP, fb, eb);
        }
        if (isInf(c, fb, eb)) {
            return c;
        }
        boolean zeroC = isZero(c, fb, eb);
        if (zeroA || zeroB) {
            if (zeroC) {
                return signP == signC ? zero(signP, fb, eb) : Arithmetic.exactZeroSum(rm, fb, eb);
            }
            return c;
        }
        long sigA = sig(a, fb, eb);
        long sigB = sig(b, fb, eb);
        // value = (pHi:pLo) * 2^(expP - POINT), the product lies in [2^124, 2^126).
        long pHi = Wide.mulHighUnsigned(sigA, sigB);
        long pLo = sigA * sigB;
        int expP = exp(a, fb, eb) + exp(b, fb, eb);
        if (zeroC) {
            return normalizeAndPack(env, signP, expP, pHi, pLo, rm, fb, eb);
        }
        // The addend on the same scale: value = (cHi:cLo) * 2^(expC - POINT), in [2^124, 2^125).
        long sigC = sig(c, fb, eb);
        long cHi = sigC >>> (64 - (POINT - SIG_TOP));
        long cLo = sigC << (POINT - SIG_TOP);
        int expC = exp(c, fb, eb);
        int exp;
        if (expP >= expC) {
            int d = expP - expC;
            long hi = Wide.shiftRightHigh(cHi, d);
            cLo = Wide.shiftRightJamLow(cHi, cLo, d);
            cHi = hi;
            exp = expP;
        } else {
            int d = expC - expP;
            long hi = Wide.shiftRightHigh(pHi, d);
            pLo = Wide.shiftRightJamLow(pHi, pLo, d);
            pHi = hi;
            exp = expC;
        }
        long hi;
        long lo;
        int sign;
        if (signP == signC) {
            lo = pLo + cLo;
            hi = pHi + cHi + (Wide.lessUnsigned(lo, pLo) ? 1 : 0);
            sign = signP;
        } else {
            boolean productLarger = pHi != cHi ? pHi > cHi : !Wide.lessUnsigned(pLo, cLo);
            if (productLarger) {
                lo = pLo - cLo;
                hi = pHi - cHi - (Wide.lessUnsigned(pLo, cLo) ? 1 : 0);
                sign = signP;
            } else {
                lo = cLo - pLo;
                hi = cHi - pHi - (Wide.lessUnsigned(cLo, pLo) ? 1 : 0);
                sign = signC;
            }
            if ((hi | lo) == 0) {
                return Arithmetic.exactZeroSum(rm, fb, eb);
            }
        }
        return normalizeAndPack(env, sign, exp, hi, lo, rm, fb, eb);
    }

    /** Rounds the non-zero (hi:lo) * 2^(exp - POINT) to the format. */
    private static long normalizeAndPack(
            SoftFloat env, int sign, int exp, long hi, long lo, int rm, int fb, int eb) {
        int lead = hi != 0 ? 127 - Long.numberOfLeadingZeros(hi) : 63 - Long.numberOfLeadingZeros(lo);
        long sig;
        if (lead >= SIG_TOP) {
            sig = Wide.shiftRightJamLow(hi, lo, lead - SIG_TOP);
        } else {
            sig = lo << (SIG_TOP - lead); // exact: the value fits in the low word
        }
        return Rounding.pack(env, sign, exp + lead - POINT, sig, rm, fb, eb);
    }
}
