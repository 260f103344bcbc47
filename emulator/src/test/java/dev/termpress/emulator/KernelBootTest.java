package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Boots the committed kernel with the deterministic clock until its init program runs. Without a
 * root filesystem device, init reports that it cannot mount one and powers the machine off.
 */
class KernelBootTest {

    private static final String IMAGE = "/dev/termpress/emulator/kernel/Image.gz";
    private static final long MAX_INSTRUCTIONS = 400_000_000L;
    private static final long SLICE = 5_000_000L;
    private static final String INIT_STARTED = "Run /init as init process";
    private static final String INIT_BANNER = "termpress-init: starting";

    @Test
    void kernelBootsToInit() throws IOException {
        byte[] image;
        try (InputStream in = KernelBootTest.class.getResourceAsStream(IMAGE)) {
            assumeTrue(in != null, "kernel image resource not present yet");
            image = new GZIPInputStream(in).readAllBytes();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(MachineConfig.deterministic(console::write));
        machine.bootKernel(image);
        long executed = 0;
        while (executed < MAX_INSTRUCTIONS && !machine.halted()) {
            long ran = machine.run(SLICE);
            executed += ran;
            if (ran == 0) {
                break; // idle with nothing to wake it: the boot is stuck
            }
        }
        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(log).as("console after %d instructions", executed)
                .contains("SBI specification v2.0 detected")
                .contains("riscv: base ISA extensions acdfim")
                .contains(INIT_STARTED)
                .contains(INIT_BANNER)
                .contains("termpress-init: mount")
                .doesNotContain("Kernel panic")
                .doesNotContain("unexpected trap to M-mode");
        assertThat(machine.halted()).as("init powered the machine off").isTrue();
    }
}
