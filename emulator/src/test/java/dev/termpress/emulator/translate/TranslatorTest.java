package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.cpu.Csr;
import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.cpu.Trap;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import org.junit.jupiter.api.Test;

class TranslatorTest {

    private static final long BASE = Harness.BASE;

    private Translator translator;

    private Harness translated(boolean lockstep) {
        Harness h = new Harness();
        translator = Translator.install(h.cpu, new JvmBlockCompiler(), lockstep);
        return h;
    }

    /** sum = 0; for (i = n; i != 0; i--) sum += i; then spin. */
    private static int[] sumLoop() {
        return new int[] {
            addi(A0, ZERO, 0),
            addi(A1, ZERO, 1000),
            add(A0, A0, A1), // loop:
            addi(A1, A1, -1),
            b(-8, ZERO, A1, 1), // bne a1, zero, loop
            j(0, ZERO), // spin
        };
    }

    @Test
    void aHotLoopRunsCompiledWithTheInterpretersResultAndCount() {
        Harness h = translated(false);
        Translator t = translator;
        h.program(sumLoop()).step(2 + 3 * 1000 + 10);
        assertThat(h.x(A0)).isEqualTo(500_500L);
        assertThat(h.cpu.instret()).isEqualTo(2 + 3 * 1000 + 10);
        assertThat(h.cpu.pc()).isEqualTo(BASE + 20);
        assertThat(t.compiledBlocks()).isPositive();
        assertThat(t.translatedInstructions()).isGreaterThan(1000);
    }

    @Test
    void aBudgetEndingInsideALoopStopsAtTheSameInstructionAsTheInterpreter() {
        for (int budget : new int[] {500, 501, 502, 1003}) {
            Harness plain = new Harness();
            plain.cpu.setAccelerator(null);
            plain.program(sumLoop()).step(budget);
            Harness h = translated(true);
            h.program(sumLoop()).step(budget);
            assertThat(h.cpu.pc()).as("budget %d", budget).isEqualTo(plain.cpu.pc());
            assertThat(h.x(A0)).isEqualTo(plain.x(A0));
            assertThat(h.cpu.instret()).isEqualTo(budget);
        }
    }

    @Test
    void aFaultMidBlockReportsItsPcAndLeavesEarlierWrites() {
        Harness h = translated(true);
        h.cpu.setCsr(Csr.MTVEC, BASE + 0x800);
        h.code(BASE + 0x800, j(0, ZERO));
        // loop: a2 += 1; a0 = *(a1) (a1 = 0x10 faults: no device there); jump back
        h.set(A1, 0x10).program(addi(A2, A2, 1), ld(A0, A1, 0), j(-8, ZERO));
        for (int k = 0; k < 200; k++) { // hot: the handler jumps back
            h.cpu.setPc(BASE);
            h.step(3);
        }
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_ACCESS_FAULT);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE + 4);
        assertThat(h.cpu.pc()).isEqualTo(BASE + 0x800);
        assertThat(h.x(A2)).isEqualTo(200);
        assertThat(translator.compiledBlocks()).isPositive();
    }

    @Test
    void aLoadThatFaultsInTranslatedCodeDoesNotRetire() {
        Harness h = translated(false);
        h.cpu.setCsr(Csr.MTVEC, BASE + 0x800);
        h.code(BASE + 0x800, j(0, ZERO));
        h.set(A1, 0x10).program(addi(A2, A2, 1), ld(A0, A1, 0), j(-8, ZERO));
        for (int k = 0; k < 200; k++) {
            h.cpu.setPc(BASE);
            h.step(3); // addi retires, ld faults (does not retire), the handler's jump retires
        }
        assertThat(translator.translatedInstructions()).isPositive();
        assertThat(h.cpu.instret()).isEqualTo(600);
        assertThat(h.cpu.csr(Csr.MINSTRET)).isEqualTo(400);
    }

    @Test
    void aStoreIntoTheRunningCodeTakesEffectOnTheNextPass() {
        Harness h = translated(true);
        // loop: a0 += 1; sw a3, 0(a2) (a2 points at the addi: rewrites it); bne a0, a1, loop
        int rewritten = addi(A0, A0, 100);
        h.set(A1, 10_000).set(A2, BASE).set(A3, rewritten & 0xffff_ffffL)
                .program(addi(A0, A0, 1), sw(A3, A2, 0), b(-8, A1, A0, 1), j(0, ZERO));
        h.step(3 * 100);
        // First pass adds 1, every later pass 100.
        assertThat(h.x(A0)).isEqualTo(1 + 99 * 100);
    }

    @Test
    void lockstepNamesTheBlockAndInstructionOfADifference() {
        Harness h = new Harness();
        h.cpu.setAccelerator(null);
        BlockCompiler broken = block -> {
            // A back end that gets ADDI wrong by one: lockstep must say where.
            java.util.List<Insn> insns = new java.util.ArrayList<>();
            for (Insn i : block.insns()) {
                insns.add(i.op() == Op.ADDI ? new Insn(i.op(), i.rd(), i.rs1(), i.rs2(), i.imm() + 1, i.pc(), i.length()) : i);
            }
            return new JvmBlockCompiler().compile(new Block(block.startPc(), block.ramOffset(), insns, block.entries()));
        };
        Translator.install(h.cpu, broken, true);
        h.program(sumLoop());
        assertThatThrownBy(() -> h.step(3000))
                .isInstanceOf(LockstepMismatch.class)
                // The unit runs the whole loop, so the sum (x10) is the first register that differs.
                .hasMessageContaining("differs from the interpreter: x10")
                .hasMessageContaining("0x" + Long.toHexString(BASE + 12) + ": addi");
    }

    /**
     * Production mode until {@code done} (or a bound): compilations on the inline runner, so when
     * units arrive does not depend on a thread's timing (on the compiler thread this test once failed).
     */
    private static void runUntil(Harness h, java.util.function.BooleanSupplier done) {
        for (int i = 0; i < 400 && !done.getAsBoolean(); i++) {
            h.step(50_000);
        }
    }

    @Test
    void unitsEnteredForAFewInstructionsAtATimeAreLeftToTheInterpreter() {
        // loop: a0++; call f on the next page; j loop.  f: a1++; ret. Every unit run is 1-2 instructions.
        int[] caller = {addi(A0, A0, 1), j(4092, RA), j(-8, ZERO)};
        int[] callee = {addi(A1, A1, 1), jalr(ZERO, RA, 0)};
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), false, InlineCompileRunner.INSTANCE);
        h.program(caller).code(BASE + 4096, callee);
        runUntil(h, () -> t.diagnostics()[5] >= 2);
        assertThat(t.diagnostics()[5]).as("units left to the interpreter").isGreaterThanOrEqualTo(2);
        long runs = t.blockRuns();
        h.step(100_000);
        assertThat(t.blockRuns()).as("no unit entered once both pages are the interpreter's").isEqualTo(runs);
        long n = h.cpu.instret();
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(caller).code(BASE + 4096, callee).step((int) n);
        assertThat(h.x(A0)).isEqualTo(plain.x(A0));
        assertThat(h.x(A1)).isEqualTo(plain.x(A1));
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
    }

    @Test
    void aUnitThatRunsLongPerEntryStaysTranslated() {
        // The sum loop, restarted forever: each entry runs the whole 1,000-iteration loop.
        int[] loop = {addi(A0, ZERO, 0), addi(A1, ZERO, 1000), add(A0, A0, A1), addi(A1, A1, -1),
            b(-8, ZERO, A1, 1), j(-20, ZERO)};
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), false, InlineCompileRunner.INSTANCE);
        h.program(loop);
        runUntil(h, () -> t.translatedInstructions() > 5_000_000);
        assertThat(t.translatedInstructions()).isGreaterThan(5_000_000);
        assertThat(t.diagnostics()[5]).as("units left to the interpreter").isZero();
    }

    @Test
    void productionModeOnTheInlineRunnerCompilesOnTheHartsThreadWithProductionThresholds() {
        // The sum loop restarted forever: the interpreter alone until the page has had HOT arrivals.
        int[] loop = {addi(A0, ZERO, 0), addi(A1, ZERO, 1000), add(A0, A0, A1), addi(A1, A1, -1),
            b(-8, ZERO, A1, 1), j(-20, ZERO)};
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), false, InlineCompileRunner.INSTANCE);
        h.program(loop).step(3 * 1000);
        assertThat(t.compiledBlocks()).as("a page arriving once is no hot page").isZero();
        int steps = 3_000_000;
        h.step(steps);
        assertThat(t.compiledBlocks()).isPositive();
        assertThat(t.translatedInstructions()).isGreaterThan(steps / 2);
        Harness plain = new Harness();
        plain.cpu.setAccelerator(null);
        plain.program(loop).step(3 * 1000 + steps);
        assertThat(h.x(A0)).isEqualTo(plain.x(A0));
        assertThat(h.x(A1)).isEqualTo(plain.x(A1));
        assertThat(h.cpu.pc()).isEqualTo(plain.cpu.pc());
        assertThat(h.cpu.instret()).isEqualTo(plain.cpu.instret());
    }

    @Test
    void theBackEndHearsWhenAUnitIsInstalledAndWhenAWriteDropsIt() {
        RecordingBackEnd listening = new RecordingBackEnd();
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, listening, false);
        h.program(sumLoop()).step(2 + 3 * 1000);
        assertThat(listening.events()).containsExactly("installed 0");
        h.cpu.setPc(BASE + 0x1000);
        h.set(A2, BASE + 8).set(A3, addi(A0, A0, 1) & 0xffff_ffffL).code(BASE + 0x1000, sw(A3, A2, 0), j(0, ZERO));
        h.step(2);
        assertThat(t.droppedBlocks()).isPositive();
        assertThat(listening.events()).containsExactly("installed 0", "released 0");
    }
}
