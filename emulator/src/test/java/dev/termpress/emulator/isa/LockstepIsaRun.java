package dev.termpress.emulator.isa;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every ISA program on whatever the current accelerator factory installs (for lockstep tests). */
public final class LockstepIsaRun {

    private LockstepIsaRun() {
    }

    public static void runAll() {
        for (IsaPrograms.Program program : IsaPrograms.all()) {
            assertThat(IsaProgramsTest.run(program.name(), program.bytes())).as(program.name()).isNull();
        }
    }
}
