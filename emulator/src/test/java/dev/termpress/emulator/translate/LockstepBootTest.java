package dev.termpress.emulator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lockstep mode over the ISA programs and a kernel boot to the busybox shell: every compiled block
 * is checked against the interpreter; any difference throws {@link LockstepMismatch}.
 */
class LockstepBootTest {

    @BeforeEach
    void lockstepOn() {
        Machine.setAcceleratorFactory(JvmTranslation.factory(true));
    }

    @AfterEach
    void back() {
        JvmTranslation.configureFromSettings();
    }

    @Test
    void isaProgramsAgreeWithTheInterpreter() throws Exception {
        dev.termpress.emulator.isa.LockstepIsaRun.runAll();
    }

    @Test
    void theKernelBootsToTheBusyboxShellInLockstep() throws Exception {
        String log = dev.termpress.emulator.BusyboxBoot.bootToPromptAndRun("echo lockstep-$((6*7))\n", "lockstep-42");
        assertThat(log).contains("lockstep-42");
    }
}
