package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.FloatBits.SIG_TOP;

/** Rounds an exact (or sticky-jammed) intermediate to a binary format: IEEE 754-2019 §4.3, §7.4–7.6. */
final class Rounding {

    private Rounding() {
    }

    /**
     * Rounds sig / 2^62 * 2^exp (sig normalised at bit 62, bit 0 may carry a sticky one) to the
     * format and returns its raw bits, setting NX, UF and OF in {@code env}. Tininess is detected
     * after rounding, as the RISC-V F extension specifies.
     */
    static long pack(SoftFloat env, int sign, int exp, long sig, int rm, int fb, int eb) {
        int maxField = FloatBits.maxExpField(eb);
        int shift = SIG_TOP - fb;
        long mask = (1L << shift) - 1;
        int e = exp + FloatBits.bias(eb);
        if (e >= maxField) {
            return overflow(env, sign, rm, fb, eb);
        }
        boolean tiny = false;
        if (e <= 0) {
            // Tiny unless rounding with an unbounded exponent carries up to the smallest normal.
            tiny = e < 0 || sig + increment(sign, rm, shift, mask) >= 0;
            sig = Wide.shiftRightJam(sig, 1 - e);
            e = 1;
        }
        long roundBits = sig & mask;
        long rounded = (sig + increment(sign, rm, shift, mask)) >>> shift;
        if (rm == SoftFloat.RNE && roundBits == (1L << (shift - 1))) {
            rounded &= ~1L;
        }
        if (roundBits != 0) {
            env.flags |= tiny ? SoftFloat.NX | SoftFloat.UF : SoftFloat.NX;
        }
        // Adding rather than ORing lets a carry out of the significand bump the exponent.
        long bits = ((long) (e - 1) << fb) + rounded;
        if ((bits >>> fb) >= maxField) {
            return overflow(env, sign, rm, fb, eb);
        }
        return ((long) sign << (fb + eb)) | bits;
    }

    /** What to add below the rounding position before truncating; ties-to-even is fixed up after. */
    private static long increment(int sign, int rm, int shift, long mask) {
        switch (rm) {
            case SoftFloat.RTZ:
                return 0;
            case SoftFloat.RDN:
                return sign != 0 ? mask : 0;
            case SoftFloat.RUP:
                return sign != 0 ? 0 : mask;
            default: // RNE and RMM
                return 1L << (shift - 1);
        }
    }

    /** IEEE 754-2019 §7.4: infinity or the largest finite value, depending on mode and sign. */
    static long overflow(SoftFloat env, int sign, int rm, int fb, int eb) {
        env.flags |= SoftFloat.OF | SoftFloat.NX;
        boolean toInfinity = rm == SoftFloat.RNE || rm == SoftFloat.RMM
                || (rm == SoftFloat.RDN && sign != 0) || (rm == SoftFloat.RUP && sign == 0);
        return toInfinity ? FloatBits.infinity(sign, fb, eb) : FloatBits.maxFinite(sign, fb, eb);
    }
}
