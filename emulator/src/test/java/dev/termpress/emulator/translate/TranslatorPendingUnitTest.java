package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Units that a back end readies asynchronously (the browser compiles a module off the worker's
 * thread): the interpreter runs their page until they are ready, and a unit whose page was written
 * before it became ready never runs.
 */
class TranslatorPendingUnitTest {

    private static final long BASE = Harness.BASE;

    /** The JVM back end's units, each ready only when the test says so; counts the runs of each. */
    private static final class Pending extends CompiledBlock {
        final CompiledBlock code;
        boolean ready;
        int runs;

        Pending(CompiledBlock code) {
            this.code = code;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public long run(TranslationAccess access, int budget, long pc) {
            runs++;
            return code.run(access, budget, pc);
        }
    }

    private final List<Pending> units = new ArrayList<>();

    private Translator install(Harness h) {
        JvmBlockCompiler jvm = new JvmBlockCompiler();
        BlockCompiler pending = block -> {
            Pending p = new Pending(jvm.compile(block));
            units.add(p);
            return p;
        };
        return Translator.install(h.cpu, pending, false, InlineCompileRunner.INSTANCE);
    }

    /** The sum loop restarted forever (the translator's production test). */
    private static final int[] LOOP = {addi(A0, ZERO, 0), addi(A1, ZERO, 1000), add(A0, A0, A1), addi(A1, A1, -1),
        b(-8, ZERO, A1, 1), j(-20, ZERO)};

    @Test
    void aUnitRunsOnlyOnceReadyAndTheInterpreterKeepsItsPageMeanwhile() {
        Harness h = new Harness();
        Translator t = install(h);
        h.program(LOOP).step(3_000_000);
        assertThat(units).as("the page was compiled").isNotEmpty();
        assertThat(units).extracting(u -> u.runs).containsOnly(0);
        assertThat(t.translatedInstructions()).isZero();
        units.forEach(u -> u.ready = true);
        h.step(3_000_000);
        assertThat(units.get(0).runs).isPositive();
        assertThat(t.translatedInstructions()).isGreaterThan(1_000_000);
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(LOOP).step(6_000_000);
        assertThat(h.x(A0)).isEqualTo(plain.x(A0));
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
        assertThat(h.cpu.instret()).isEqualTo(plain.cpu.instret());
    }

    @Test
    void aUnitReadiedAfterItsPageWasWrittenNeverRuns() {
        Harness h = new Harness();
        Translator t = install(h);
        h.program(LOOP).step(3_000_000);
        assertThat(units).hasSize(1);
        Pending stale = units.get(0);
        // The loop's add becomes addi a0, a0, 5, written while its unit is still compiling.
        h.cpu.setPc(BASE + 0x1000);
        int rewritten = addi(A0, A0, 5);
        h.set(A2, BASE + 8).set(A3, rewritten & 0xffff_ffffL).code(BASE + 0x1000, sw(A3, A2, 0), j(-0x1000 + 4, ZERO));
        h.step(2);
        assertThat(t.droppedBlocks()).as("the write dropped the queued compilation").isPositive();
        stale.ready = true;
        units.forEach(u -> u.ready = true);
        h.step(3_000_000);
        assertThat(stale.runs).as("runs of the unit built from the old bytes").isZero();
        // The loop now adds 5: whatever runs it (the interpreter, a unit of the new bytes) gives the
        // interpreter's answer.
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(LOOP).step(3_000_000);
        plain.cpu.setPc(BASE + 0x1000);
        plain.set(A2, BASE + 8).set(A3, rewritten & 0xffff_ffffL).code(BASE + 0x1000, sw(A3, A2, 0), j(-0x1000 + 4, ZERO));
        plain.step(2 + 3_000_000);
        assertThat(h.x(A0)).isEqualTo(plain.x(A0));
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
        assertThat(h.cpu.instret()).isEqualTo(plain.cpu.instret());
    }
}
