package dev.termpress.emulator.bench;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.RamPages;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a boot snapshot of the example busybox image costs and saves on HotSpot: its raw size,
 * non-zero RAM pages and gzip size, and the wall time of a cold boot to the prompt against saving,
 * gzipping, gunzipping and restoring the snapshot. A plain main: 2 warm-up rounds, then 5 measured;
 * medians printed beside the load average.
 */
public final class SnapshotBenchmark {

    private static final int WARM_UP = 2;
    private static final int RUNS = 5;
    private static final long SLICE = 2_000_000L;
    private static final long BOOT_LIMIT = 400_000_000L;
    private static final SnapshotIdentity IDENTITY = new SnapshotIdentity("bench-kernel", "sha256:bench-image");

    private SnapshotBenchmark() {
    }

    /** The argument is the emulator module directory (the example image is in ../content-examples). */
    public static void main(String[] args) throws Exception {
        Path module = Paths.get(args.length > 0 ? args[0] : "emulator");
        byte[] layer = BusyboxLayer.tar(module.resolve("../content-examples/images/busybox/blobs/sha256"));
        byte[] kernel = KernelImage.load();
        long[][] times = new long[5][RUNS];
        byte[] snapshot = null;
        int pages = 0;
        int gzipped = 0;
        for (int round = 0; round < WARM_UP + RUNS; round++) {
            long t0 = System.nanoTime();
            Machine booted = bootToPrompt(layer, kernel);
            long t1 = System.nanoTime();
            snapshot = MachineSnapshot.save(booted, IDENTITY);
            long t2 = System.nanoTime();
            byte[] compressed = gzip(snapshot);
            long t3 = System.nanoTime();
            byte[] inflated = gunzip(compressed);
            long t4 = System.nanoTime();
            Machine resumed = machine(layer, new StringBuilder());
            MachineSnapshot.restore(resumed, inflated, IDENTITY);
            long t5 = System.nanoTime();
            if (round >= WARM_UP) {
                int r = round - WARM_UP;
                times[0][r] = t1 - t0;
                times[1][r] = t2 - t1;
                times[2][r] = t3 - t2;
                times[3][r] = t4 - t3;
                times[4][r] = t5 - t4;
            }
            pages = new RamPages(booted.ram()).nonZeroPages();
            gzipped = compressed.length;
        }
        System.out.printf("busybox boot snapshot: %,d bytes raw, %d non-zero RAM pages of %d, %,d bytes gzipped%n",
                snapshot.length, pages, MachineConfig.DEFAULT_RAM_BYTES >> 12, gzipped);
        String[] names = {"cold boot to the prompt", "save", "gzip", "gunzip", "restore into a fresh machine"};
        for (int i = 0; i < names.length; i++) {
            long[] sorted = times[i].clone();
            Arrays.sort(sorted);
            System.out.printf("  %-30s median %8.1f ms  (runs:%s)%n", names[i], sorted[RUNS / 2] / 1e6,
                    millis(times[i]));
        }
        System.out.printf("  load average %.2f, %d runs after %d warm-up%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), RUNS, WARM_UP);
    }

    private static String millis(long[] nanos) {
        StringBuilder out = new StringBuilder();
        for (long n : nanos) {
            out.append(String.format(" %.1f", n / 1e6));
        }
        return out.toString();
    }

    private static Machine machine(byte[] layer, StringBuilder console) throws ImageFormatException {
        ImageFileSystem fs = ImageFileSystem.create(List.of(LayerIndex.build(TarInput.of(layer))),
                new ByteArrayLayerSource(List.of(layer)), () -> 1_700_000_000_000_000_000L);
        Machine machine = new Machine(MachineConfig.deterministic((data, offset, length) ->
                console.append(new String(data, offset, length, StandardCharsets.ISO_8859_1))));
        machine.attach(new Virtio9p(fs));
        return machine;
    }

    private static Machine bootToPrompt(byte[] layer, byte[] kernel) throws ImageFormatException, SnapshotException {
        StringBuilder console = new StringBuilder();
        ImageFileSystem fs = ImageFileSystem.create(List.of(LayerIndex.build(TarInput.of(layer))),
                new ByteArrayLayerSource(List.of(layer)), () -> 1_700_000_000_000_000_000L);
        MachineConfig config = MachineConfig.deterministic((data, offset, length) -> { });
        // A cold boot goes through init's handshake; the machines restored later start past it.
        InitHandshake handshake = new InitHandshake(fs, "", () -> InstructionClock.BOOT_UNIX_NANOS, config.entropy(),
                (data, offset, length) -> console.append(new String(data, offset, length, StandardCharsets.ISO_8859_1)));
        Machine machine = new Machine(new MachineConfig(config.ramBytes(), config.bootargs(), config.clock(), handshake,
                config.rngSeed(), config.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(kernel);
        long executed = 0;
        while (executed < BOOT_LIMIT && !machine.halted() && console.indexOf(" # ") < 0) {
            executed += handshake.run(SLICE);
        }
        if (console.indexOf(" # ") < 0) {
            throw new SnapshotException("busybox did not reach a prompt; console:\n" + console);
        }
        return machine;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
