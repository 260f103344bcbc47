package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.EntropySource;
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
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

/**
 * The example busybox image booted on the committed kernel, on the deterministic clock, through
 * the init handshake as every host runs it; tests type into its console and wait for output.
 */
final class BusyboxGuest {

    private static final Path BUSYBOX_BLOBS = Path.of("../content-examples/images/busybox/blobs/sha256");
    private static final long SLICE = 2_000_000L;

    final Machine machine;
    final InitHandshake handshake;
    final ImageFileSystem fs;
    /** The console output without the handshake's markers. */
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    /** Everything the guest wrote, markers included. */
    final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    private BusyboxGuest(MachineConfig base, String initConf, LongSupplier realtimeNanos, EntropySource seeds,
            long upperLimit) throws IOException, ImageFormatException {
        byte[] layer = busyboxLayerTar();
        LayerIndex index = LayerIndex.build(TarInput.of(layer));
        fs = ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(layer)),
                () -> 1_700_000_000_000_000_000L, upperLimit);
        handshake = new InitHandshake(fs, initConf, realtimeNanos, seeds == null ? base.entropy() : seeds,
                console::write);
        machine = new Machine(new MachineConfig(base.ramBytes(), base.bootargs(), base.clock(),
                (data, offset, length) -> {
                    raw.write(data, offset, length);
                    handshake.write(data, offset, length);
                }, base.rngSeed(), base.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(KernelImage.load());
    }

    /** Boots with the given kernel command line ({@code null}: the default) and init.conf text. */
    static BusyboxGuest boot(String bootargs, String initConf) throws IOException, ImageFormatException {
        return boot(bootargs, initConf, () -> InstructionClock.BOOT_UNIX_NANOS, null);
    }

    /** The same with the time and the seed source ({@code null}: the machine's) the handshake hands init. */
    static BusyboxGuest boot(String bootargs, String initConf, LongSupplier realtimeNanos, EntropySource seeds)
            throws IOException, ImageFormatException {
        return boot(bootargs, initConf, realtimeNanos, seeds, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    /** The same with the writable layer limited to {@code upperLimit} bytes. */
    static BusyboxGuest boot(String bootargs, String initConf, LongSupplier realtimeNanos, EntropySource seeds,
            long upperLimit) throws IOException, ImageFormatException {
        MachineConfig config = MachineConfig.deterministic((d, o, l) -> { });
        return new BusyboxGuest(bootargs == null ? config : config.withBootargs(bootargs), initConf, realtimeNanos,
                seeds, upperLimit);
    }

    void type(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        handshake.input(bytes, 0, bytes.length);
    }

    String text() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Runs until the output since the call contains {@code expected}; fails the test after {@code budget} instructions. */
    void runUntil(String expected, long budget) {
        int from = console.size();
        long executed = 0;
        while (executed < budget && !machine.halted() && !text().substring(from).contains(expected)) {
            long ran = handshake.run(SLICE);
            executed += ran;
            if (ran == 0 && machine.idle() && machine.nextWakeUpTicks() == Long.MAX_VALUE) {
                break; // waiting for input that will never come
            }
        }
        assertThat(text().substring(from))
                .as("console after %d instructions waiting for %s", executed, expected)
                .contains(expected);
    }

    /** Types a command line and returns its output up to the {@code marker} line it ends with. */
    String command(String line, long budget) {
        String marker = "done-" + Integer.toHexString(line.hashCode());
        int from = console.size();
        type(line + "; echo " + marker.substring(0, 5) + "\"" + marker.substring(5) + "\"\n");
        runUntil(marker + "\r\n", budget);
        String out = text().substring(from);
        return out.substring(0, out.indexOf(marker + "\r\n"));
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
