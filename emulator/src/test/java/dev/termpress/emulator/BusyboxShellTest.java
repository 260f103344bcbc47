package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Boots the committed kernel with the example busybox image as its 9p root filesystem, on the
 * deterministic clock, and talks to the shell through the virtio console.
 */
class BusyboxShellTest {

    private static final Path BUSYBOX_BLOBS = Path.of("../content-examples/images/busybox/blobs/sha256");
    private static final long SLICE = 2_000_000L;
    private static final long BOOT_BUDGET = 400_000_000L;
    private static final long COMMAND_BUDGET = 200_000_000L;

    @Test
    void shellAnswersCommands() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = bootBusybox(MachineConfig.deterministic(console::write));
        // Typed before hvc0 exists: must reach the shell, not stay in the firmware console queue.
        type(machine, "echo typed-ahead-$((40+2))\n");

        runUntil(machine, console, "typed-ahead-42", BOOT_BUDGET);
        type(machine, "uname -m; echo answer-$((6*7))\n");
        runUntil(machine, console, "answer-42", COMMAND_BUDGET);
        type(machine, "echo hello > /tmp/f && cat /tmp/f && ls /bin/busybox\n");
        runUntil(machine, console, "/bin/busybox\r\n", COMMAND_BUDGET);

        // The console is the shell's controlling tty: Ctrl-C reaches a foreground program as SIGINT.
        type(machine, "cat\n");
        runUntil(machine, console, "cat\r\n", COMMAND_BUDGET);
        type(machine, "\u0003");
        runUntil(machine, console, " # ", COMMAND_BUDGET); // SIGINT flushes typed-ahead input: wait
        type(machine, "echo status-$?\n");
        runUntil(machine, console, "status-130", COMMAND_BUDGET);

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("termpress-init: starting").contains("riscv64").contains("hello");
        type(machine, "exit\n");
        runUntil(machine, console, "powering off", COMMAND_BUDGET);
    }

    @Test
    void aQuietBootShowsOnlyTheShellAndTheClockStartsAtTheHostsDate() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = bootBusybox(MachineConfig.deterministic(console::write).withBootargs("console=hvc0 quiet"));
        type(machine, "date -u +%Y-%m-%d\n");
        runUntil(machine, console, "2024-01-01\r\n", BOOT_BUDGET); // InstructionClock.BOOT_UNIX_NANOS, via the RTC

        String beforeCommand = console.toString(StandardCharsets.UTF_8);
        beforeCommand = beforeCommand.substring(0, beforeCommand.indexOf("date -u"));
        assertThat(beforeCommand).doesNotContain("termpress-init").doesNotContain("Linux version");
    }

    static Machine bootBusybox(MachineConfig config) throws Exception {
        byte[] layer = busyboxLayerTar();
        LayerIndex index = LayerIndex.build(TarInput.of(layer));
        ImageFileSystem fs = ImageFileSystem.create(
                List.of(index), new ByteArrayLayerSource(List.of(layer)), () -> 1_700_000_000_000_000_000L);
        Machine machine = new Machine(config);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(KernelImage.load());
        return machine;
    }

    static void type(Machine machine, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        machine.sendInput(bytes, 0, bytes.length);
    }

    static void runUntil(Machine machine, ByteArrayOutputStream console, String expected, long budget) {
        int from = console.size();
        long executed = 0;
        while (executed < budget && !machine.halted()
                && !console.toString(StandardCharsets.UTF_8).substring(from).contains(expected)) {
            long ran = machine.run(SLICE);
            executed += ran;
            if (ran == 0 && machine.idle() && machine.nextWakeUpTicks() == Long.MAX_VALUE) {
                break; // waiting for input that will never come
            }
        }
        assertThat(console.toString(StandardCharsets.UTF_8).substring(from))
                .as("console after %d instructions waiting for %s", executed, expected)
                .contains(expected);
    }

    /** The example image's one layer, uncompressed: the blob that is gzip data. */
    private static byte[] busyboxLayerTar() throws IOException {
        try (var blobs = Files.list(BUSYBOX_BLOBS)) {
            for (Path blob : (Iterable<Path>) blobs::iterator) {
                byte[] bytes = Files.readAllBytes(blob);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new IllegalStateException("no gzip layer in " + BUSYBOX_BLOBS.toAbsolutePath());
    }
}
