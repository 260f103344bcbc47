package dev.termpress.emulator.isa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.loader.ElfLoader;
import dev.termpress.emulator.loader.TinyElf;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every committed ISA test program (emulator/isa-tests, proven under QEMU) on a bare
 * {@link Machine}: M-mode at the ELF entry, no firmware, until the program writes its verdict to
 * the test finisher.
 */
class IsaProgramsTest {

    /** Far more than any program needs (the largest runs well under a million). */
    private static final long INSTRUCTION_CAP = 50_000_000L;
    private static final long RAM_BYTES = 64L << 20;

    /**
     * Programs that still fail on our emulator because of emulator bugs, with the reason. They run
     * and are reported as skipped; remove an entry once its program passes. Never weaken a program
     * to get it off this list.
     */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    @Test
    void failCodesDecodeAsTestHDefinesThem() {
        assertThat(describeFailure("rv64m", 42)).isEqualTo("rv64m: check 42 failed (TEST 42 in emulator/isa-tests/rv64m.S)");
        assertThat(describeFailure("traps", 0x8205))
                .isEqualTo("traps: unexpected exception, mcause 2 during check 5 (fail code 0x8205)");
        assertThat(describeFailure("interrupts", 0xc7ff))
                .isEqualTo("interrupts: unexpected interrupt 7 during check 255 (fail code 0xc7ff)");
    }

    @TestFactory
    Stream<DynamicTest> everyProgramPassesOnTheEmulator() {
        return IsaPrograms.all().stream()
                .map(program -> DynamicTest.dynamicTest(program.name(), () -> check(program)));
    }

    @Test
    void aFailingProgramIsReportedWithItsCheckNumber() {
        // lui t0, 0x100; lui t1, 3; addi t1, t1, 0x333; lui t2, 0x30; or t1, t1, t2; sw t1, 0(t0); j .
        byte[] elf = TinyElf.executable(0x8000_0000L,
                0x001002b7, 0x00003337, 0x33330313, 0x000303b7, 0x00736333, 0x0062a023, 0x0000006f);
        assertThat(run("tiny", elf)).isEqualTo("tiny: check 3 failed (TEST 3 in emulator/isa-tests/tiny.S)");
    }

    @Test
    void aProgramThatNeverReportsIsCaughtByTheCap() {
        byte[] elf = TinyElf.executable(0x8000_0000L, 0x0000006f); // j .
        assertThat(run("loop", elf, 1000)).isEqualTo("loop did not finish: stopped after 1000 instructions at pc 0x80000000");
    }

    private static void check(IsaPrograms.Program program) {
        String verdict = run(program.name(), program.bytes());
        String knownReason = KNOWN_FAILURES.get(program.name());
        if (knownReason != null) {
            Assumptions.abort(verdict == null
                    ? "known failure now passes: remove " + program.name() + " from KNOWN_FAILURES"
                    : "known failure (" + knownReason + "): " + verdict);
        }
        assertThat(verdict).as(program.name()).isNull();
    }

    static String run(String name, byte[] elf) {
        return run(name, elf, INSTRUCTION_CAP);
    }

    /** Runs the program; null when it passed, otherwise what went wrong. */
    static String run(String name, byte[] elf, long cap) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(MachineConfig.deterministic(console::write).withRamBytes(RAM_BYTES));
        long entry = ElfLoader.load(elf, machine.ram(), name + ".elf");
        machine.bootBare(entry);
        long executed = 0;
        while (!machine.halted() && executed < cap) {
            long ran = machine.run(cap - executed);
            if (ran == 0) {
                break; // waiting for an interrupt nothing will bring
            }
            executed += ran;
        }
        if (!machine.halted()) {
            return String.format("%s did not finish: stopped after %d instructions at pc 0x%x",
                    name, executed, machine.cpu().pc());
        }
        int code = machine.exitCode();
        return code == 0 ? null : describeFailure(name, code);
    }

    /** Decodes a fail code as test.h defines it. */
    static String describeFailure(String name, int code) {
        if ((code & 0x8000) != 0) {
            boolean interrupt = (code & 0x4000) != 0;
            return String.format("%s: unexpected %s %d during check %d (fail code 0x%x)", name,
                    interrupt ? "interrupt" : "exception, mcause", (code >> 8) & 0x3f, code & 0xff, code);
        }
        return String.format("%s: check %d failed (TEST %d in emulator/isa-tests/%s.S)", name, code, code, name);
    }
}
