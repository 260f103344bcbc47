package dev.termpress.emulator.isa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.loader.ElfLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed binaries are complete, intact and loadable, independent of the CPU. */
class IsaProgramsCatalogTest {

    @Test
    void everyInstructionGroupHasACommittedProgram() {
        assertThat(IsaPrograms.all()).extracting(IsaPrograms.Program::name).contains(
                "rv64i-alu", "rv64i-branch", "rv64i-mem", "rv64m", "rv64a", "rv64c", "zicsr",
                "rv64f", "rv64d", "fp-convert", "fp-misc", "traps", "delegation", "sv39", "interrupts");
    }

    @Test
    void everyProgramMatchesItsChecksumAndLoadsAtTheStartOfRam() {
        List<IsaPrograms.Program> programs = IsaPrograms.all();
        for (IsaPrograms.Program program : programs) {
            Ram ram = new Ram(1 << 20);
            long entry = ElfLoader.load(program.bytes(), ram, program.fileName());
            assertThat(entry).as(program.name()).isEqualTo(Ram.BASE);
        }
    }
}
