package dev.termpress.emulator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lockstep mode over the ISA programs and a kernel boot to the busybox shell: every compiled block
 * is checked against the interpreter; any difference throws {@link LockstepMismatch}.
 */
class LockstepBootTest {

    private final List<Translator> translators = new ArrayList<>();

    @BeforeEach
    void lockstepOn() {
        Machine.setAcceleratorFactory(cpu -> translators.add(Translator.install(cpu, new JvmBlockCompiler(), true)));
    }

    private long checked() {
        return translators.stream().mapToLong(Translator::lockstepChecked).sum();
    }

    @AfterEach
    void back() {
        JvmTranslation.configureFromSettings(true);
    }

    @Test
    void isaProgramsAgreeWithTheInterpreter() throws Exception {
        dev.termpress.emulator.isa.LockstepIsaRun.runAll();
        assertThat(checked()).as("blocks compared").isPositive();
    }

    @Test
    void theKernelBootsToTheBusyboxShellInLockstep() throws Exception {
        String log = dev.termpress.emulator.BusyboxBoot.bootToPromptAndRun("echo lockstep-$((6*7))\n", "lockstep-42");
        assertThat(log).contains("lockstep-42");
        assertThat(checked()).as("blocks compared").isGreaterThan(10_000);
    }
}
