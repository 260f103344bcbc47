package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import org.junit.jupiter.api.Test;

/**
 * The JVM back end's units can be entered at any instruction of a chain: control arriving in the
 * middle of one (here an indirect jump) runs translated, with the interpreter's counts, instead of
 * being stepped to the next chain or recompiling the page.
 */
class MidChainEntryTest {

    private static final long BASE = Harness.BASE;

    /** a0..a3 += 1 in one straight run, call f on the next page, j back; f jumps to t1. */
    private static final int[] CALLER = {addi(A0, A0, 1), addi(A1, A1, 1), addi(A2, A2, 1), addi(A3, A3, 1),
        j(4096 - 16, RA), j(-20, ZERO)};
    private static final int[] CALLEE = {addi(T0, T0, 1), jalr(ZERO, T1, 0)};

    private static Harness program(Harness h) {
        return h.program(CALLER).code(BASE + 4096, CALLEE).set(T1, BASE + 20);
    }

    @Test
    void anIndirectJumpIntoAChainRunsTranslatedWithoutRecompiling() {
        Harness h = program(new Harness());
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), true);
        int before = 20_000;
        h.step(before);
        long compiled = t.compiledBlocks();
        long beside = t.diagnostics()[1];
        long translated = t.translatedInstructions();
        assertThat(compiled).as("both pages compiled").isEqualTo(2);

        // f now returns to the third addi: the middle of the chain that starts at the first.
        h.set(T1, BASE + 8);
        int after = 50_000;
        h.step(after);
        assertThat(t.compiledBlocks()).as("no recompilation for the new arrival point").isEqualTo(compiled);
        // Only where the run's budget ends before a chain does (a few instructions) does the interpreter run.
        assertThat(t.diagnostics()[1] - beside).as("instructions interpreted beside a unit").isLessThan(CALLER.length);
        assertThat(t.translatedInstructions() - translated).isGreaterThan(after * 9L / 10);
        assertThat(t.lockstepChecked()).isPositive();

        Harness plain = program(new Harness());
        plain.cpu.setAccelerator(null);
        plain.step(before).set(T1, BASE + 8).step(after);
        for (int r : new int[] {A0, A1, A2, A3, T0}) {
            assertThat(h.x(r)).isEqualTo(plain.x(r));
        }
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
        assertThat(h.cpu.instret()).isEqualTo(plain.cpu.instret());
    }
}
