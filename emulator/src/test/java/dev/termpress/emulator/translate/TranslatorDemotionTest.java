package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import org.junit.jupiter.api.Test;

/**
 * A page left to the interpreter (its unit ran too few instructions per entry) stays the
 * interpreter's: a recompilation of it that was still on the compiler thread when it was demoted
 * is thrown away when it comes back.
 */
class TranslatorDemotionTest {

    private static final long BASE = Harness.BASE;

    @Test
    void aUnitCompiledLateForADemotedPageIsNotInstalled() {
        // Page 0: a0++; call f on the next page; j back (the return point); 12: a3++; j 0.
        // f: a1++; t0 = ra + t1; jr t0. With t1 = 4, f returns to 12: code the first unit of page 0
        // never decoded (it follows the unconditional j at 8), so arrivals there ask for a recompilation.
        int[] caller = {addi(A0, A0, 1), j(4092, RA), j(-8, ZERO), addi(A3, A3, 1), j(-16, ZERO)};
        int[] callee = {addi(A1, A1, 1), add(T0, RA, T1), jalr(ZERO, T0, 0)};
        RecordingBackEnd listening = new RecordingBackEnd();
        HeldCompileRunner runner = new HeldCompileRunner();
        Harness h = new Harness();
        // Early thresholds, so both pages compile within the test's few thousand steps.
        Translator t = Translator.install(h.cpu, listening, false, runner, new TranslatorThresholds(256, 64, 1024, 16));
        h.program(caller).code(BASE + 4096, callee);
        h.step(20_000);
        assertThat(runner.held()).as("both pages hot").isEqualTo(2);
        runner.runAll();
        h.step(100);
        assertThat(listening.installs()).containsExactlyInAnyOrder("installed 0", "installed 1");

        int switchedAt = 20_100;
        h.set(T1, 4);
        int steps = switchedAt;
        for (int i = 0; i < 200 && runner.held() == 0; i++, steps += 100) {
            h.step(100);
        }
        assertThat(runner.held()).as("page 0 recompiled for its new arrival point").isEqualTo(1);
        for (int i = 0; i < 2_000 && t.diagnostics()[5] < 2; i++, steps += 100) {
            h.step(100);
        }
        assertThat(t.diagnostics()[5]).as("units left to the interpreter").isEqualTo(2);
        long runs = t.blockRuns();

        runner.runAll();
        h.step(100_000);
        steps += 100_000;
        assertThat(listening.installs()).as("no unit installed after the demotion").hasSize(2);
        assertThat(t.blockRuns()).as("no unit entered after the demotion").isEqualTo(runs);
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(caller).code(BASE + 4096, callee).step(switchedAt);
        plain.set(T1, 4).step(steps - switchedAt);
        for (int r : new int[] {A0, A1, A3}) {
            assertThat(h.x(r)).isEqualTo(plain.x(r));
        }
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
        assertThat(h.cpu.instret()).isEqualTo(plain.cpu.instret());
    }
}
