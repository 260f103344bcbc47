package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import org.junit.jupiter.api.Test;

/**
 * Code dense in loads and stores makes a region method of more bytecode than HotSpot compiles
 * (8,000 bytes); the JVM back end splits the region into smaller methods instead of refusing
 * the unit.
 */
class RegionSplitTest {

    private static final long BASE = Harness.BASE;

    /** a2 = the data page; 63 stores and loads filling the first 256 bytes, then a counted loop back. */
    private static int[] storesAndLoads() {
        int n = 64;
        int[] code = new int[n + 4];
        for (int k = 0; k < n; k++) {
            code[k] = k % 2 == 0 ? sd(A0, A2, 8 * k) : ld(A3, A2, 8 * (k - 1));
        }
        code[n] = addi(A0, A0, 1);
        code[n + 1] = add(A1, A1, A3);
        code[n + 2] = b(-4 * (n + 2), ZERO, A0, 1); // bne a0, zero, start (a0 counts up from 1: long)
        code[n + 3] = j(0, ZERO);
        return code;
    }

    @Test
    void aRegionTooBigForHotSpotIsSplitAndRunsTranslatedInLockstep() {
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), true);
        h.program(storesAndLoads()).set(A0, 1).set(A2, BASE + 0x10000);
        h.step(200_000);
        assertThat(t.diagnostics()[6]).as("compilations refused by the back end").isZero();
        assertThat(t.translatedInstructions()).isGreaterThan(100_000);
        assertThat(t.lockstepChecked()).isPositive();
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(storesAndLoads()).set(A0, 1).set(A2, BASE + 0x10000).step(200_000);
        assertThat(h.x(A1)).isEqualTo(plain.x(A1));
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
    }
}
