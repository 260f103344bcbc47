package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.InstructionClock;
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

/** The example busybox image on the committed kernel: machines to boot, snapshot and resume. */
final class BusyboxGuest {

    static final SnapshotIdentity IDENTITY = new SnapshotIdentity("kernel-under-test", "sha256:busybox-under-test");
    private static final Path BLOBS = Path.of("../content-examples/images/busybox/blobs/sha256");
    private static final long SLICE = 2_000_000L;
    private static final long FS_TIME = 1_700_000_000_000_000_000L;
    private static byte[] layer;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final Machine machine;
    final ImageFileSystem fs;
    final Virtio9p ninep;
    /** init's handshake on a cold boot; null on a machine that is to be restored (init started before the save). */
    private final InitHandshake handshake;

    /** A machine over a pristine tree of the image, to restore a snapshot into; {@code config} gets this guest's console. */
    BusyboxGuest(MachineConfig config) throws Exception {
        this(config, false);
    }

    private BusyboxGuest(MachineConfig config, boolean coldBoot) throws Exception {
        fs = ImageFileSystem.create(List.of(LayerIndex.build(TarInput.of(layer()))),
                new ByteArrayLayerSource(List.of(layer())), () -> FS_TIME);
        handshake = coldBoot
                ? new InitHandshake(fs, "", () -> InstructionClock.BOOT_UNIX_NANOS, config.entropy(), console::write)
                : null;
        ConsoleOutput out = coldBoot ? handshake : console::write;
        machine = new Machine(new MachineConfig(config.ramBytes(), config.bootargs(), config.clock(), out,
                config.rngSeed(), config.entropy()));
        if (coldBoot) {
            handshake.attach(machine);
        }
        ninep = new Virtio9p(fs);
        machine.attach(ninep);
    }

    static MachineConfig deterministic() {
        return MachineConfig.deterministic((data, offset, length) -> { });
    }

    /** Boots a deterministic machine to its first shell prompt. */
    static BusyboxGuest bootedToPrompt() throws Exception {
        BusyboxGuest guest = new BusyboxGuest(deterministic(), true);
        guest.machine.bootKernel(KernelImage.load());
        guest.runUntil(" # ", 400_000_000L);
        return guest;
    }

    void type(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (handshake != null) {
            handshake.input(bytes, 0, bytes.length);
        } else {
            machine.sendInput(bytes, 0, bytes.length);
        }
    }

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Runs until the console shows {@code expected} after what it showed before; returns the new output. */
    String runUntil(String expected, long budget) {
        int from = console.size();
        long executed = 0;
        while (executed < budget && !machine.halted() && !output().substring(from).contains(expected)) {
            long ran = handshake != null ? handshake.run(SLICE) : machine.run(SLICE);
            executed += ran;
            if (ran == 0 && machine.idle() && machine.nextWakeUpTicks() == Long.MAX_VALUE) {
                break;
            }
        }
        String seen = output().substring(from);
        assertThat(seen).as("console after %d instructions waiting for %s", executed, expected).contains(expected);
        return seen;
    }

    static synchronized byte[] layer() throws IOException {
        if (layer == null) {
            try (var blobs = Files.list(BLOBS)) {
                for (Path blob : (Iterable<Path>) blobs::iterator) {
                    byte[] bytes = Files.readAllBytes(blob);
                    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                            layer = in.readAllBytes();
                        }
                    }
                }
            }
            if (layer == null) {
                throw new IllegalStateException("no gzip layer in " + BLOBS.toAbsolutePath());
            }
        }
        return layer;
    }
}
