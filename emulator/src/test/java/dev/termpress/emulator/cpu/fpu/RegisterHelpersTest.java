package dev.termpress.emulator.cpu.fpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** NaN boxing, sign injection, and robustness of every entry point on arbitrary bits. */
class RegisterHelpersTest {

    @Test
    void nanBoxing() {
        assertThat(SoftFloat.box32(0x3f80_0000)).isEqualTo(0xffff_ffff_3f80_0000L);
        assertThat(SoftFloat.unbox32(0xffff_ffff_3f80_0000L)).isEqualTo(0x3f80_0000);
        assertThat(SoftFloat.unbox32(0x0000_0000_3f80_0000L)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
        assertThat(SoftFloat.unbox32(0xffff_fffe_3f80_0000L)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
    }

    @Test
    void signInjectionKeepsNaNPayloadsAndSigns() {
        long negNaN = 0xfff8_0000_0000_0001L;
        assertThat(SoftFloat.sgnj64(negNaN, 0)).isEqualTo(0x7ff8_0000_0000_0001L);
        assertThat(SoftFloat.sgnjn64(0x7ff8_0000_0000_0001L, 0)).isEqualTo(negNaN); // FNEG.D
        assertThat(SoftFloat.sgnjx64(negNaN, negNaN)).isEqualTo(0x7ff8_0000_0000_0001L); // FABS.D
        assertThat(SoftFloat.sgnjx64(0x4000_0000_0000_0000L, 0x8000_0000_0000_0000L))
                .isEqualTo(0xc000_0000_0000_0000L);
        assertThat(SoftFloat.sgnj32(0x7fc0_0001, 0x8000_0000)).isEqualTo(0xffc0_0001);
        assertThat(SoftFloat.sgnjn32(0xffc0_0001, 0x8000_0000)).isEqualTo(0x7fc0_0001);
        assertThat(SoftFloat.sgnjx32(0xbf80_0000, 0xbf80_0000)).isEqualTo(0x3f80_0000);
    }

    @Test
    void arbitraryBitsAndRoundingFieldsNeverThrow() {
        Random random = new Random(42);
        SoftFloat sf = new SoftFloat();
        assertThatCode(() -> {
            for (int i = 0; i < 20000; i++) {
                long a = random.nextLong();
                long b = random.nextLong();
                long c = random.nextLong();
                int rm = random.nextInt(8); // 5..7 are the CPU's to reject; they must not crash here
                sf.add64(a, b, rm);
                sf.sub64(a, b, rm);
                sf.mul64(a, b, rm);
                sf.div64(a, b, rm);
                sf.sqrt64(a, rm);
                sf.fma64(a, b, c, rm);
                sf.cvtW64(a, rm);
                sf.cvtWU64(a, rm);
                sf.cvtL64(a, rm);
                sf.cvtLU64(a, rm);
                sf.cvt64FromW(a, rm);
                sf.cvt64FromWU(a, rm);
                sf.cvt64FromL(a, rm);
                sf.cvt64FromLU(a, rm);
                sf.cvt32From64(a, rm);
                sf.cvt64From32((int) a);
                sf.add32((int) a, (int) b, rm);
                sf.sub32((int) a, (int) b, rm);
                sf.mul32((int) a, (int) b, rm);
                sf.div32((int) a, (int) b, rm);
                sf.sqrt32((int) a, rm);
                sf.fma32((int) a, (int) b, (int) c, rm);
                sf.cvtW32((int) a, rm);
                sf.cvtWU32((int) a, rm);
                sf.cvtL32((int) a, rm);
                sf.cvtLU32((int) a, rm);
                sf.cvt32FromW(a, rm);
                sf.cvt32FromWU(a, rm);
                sf.cvt32FromL(a, rm);
                sf.cvt32FromLU(a, rm);
                sf.min64(a, b);
                sf.max64(a, b);
                sf.min32((int) a, (int) b);
                sf.max32((int) a, (int) b);
            }
        }).doesNotThrowAnyException();
        assertThat(sf.flags & ~0x1f).isZero();
    }
}
