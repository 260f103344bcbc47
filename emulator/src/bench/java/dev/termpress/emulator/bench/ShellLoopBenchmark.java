package dev.termpress.emulator.bench;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.translate.Translator;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The shell loop of issue 11 in busybox, as {@code termpress run} runs it (the same kernel, image
 * and translator setting), on the deterministic clock so the guest instruction count is exact:
 * boot to the prompt, type the loop, run until the next prompt. Wall time from typing to prompt,
 * and the boot's wall time. Arguments: the busybox blobs folder, runs (default 5, after 1 warm-up).
 */
public final class ShellLoopBenchmark {

    /** The 100,000 iterations; -Dtermpress.bench.iterations=N for quicker looks. */
    private static final int ITERATIONS = Integer.getInteger("termpress.bench.iterations", 100_000);
    private static final String LOOP = "i=0; while [ $i -lt " + ITERATIONS + " ]; do i=$((i+1)); done; echo done-$i\n";
    private static final String DONE = "done-" + ITERATIONS + "\r\n/ # ";
    private static final long SLICE = 2_000_000L;

    public static void main(String[] args) throws Exception {
        Path blobs = Path.of(args.length > 0 ? args[0] : "content-examples/images/busybox/blobs/sha256");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        JvmTranslation.configureFromSettings();
        System.out.println(JvmTranslation.enabled() ? "translator: on" : "translator: off (interpreter)");
        byte[] layer = BusyboxLayer.tar(blobs);
        double[] loopSeconds = new double[runs];
        double[] bootSeconds = new double[runs];
        double[] loopCpuSeconds = new double[runs];
        long instructions = 0;
        for (int r = -1; r < runs; r++) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            LayerIndex index = LayerIndex.build(TarInput.of(layer));
            ImageFileSystem fs = ImageFileSystem.create(
                    List.of(index), new ByteArrayLayerSource(List.of(layer)), () -> 1_700_000_000_000_000_000L);
            long bootStart = System.nanoTime();
            InitHandshake handshake = new InitHandshake(fs, "", () -> InstructionClock.BOOT_UNIX_NANOS,
                    MachineConfig.deterministic(console::write).entropy(), console::write);
            Machine machine = new Machine(MachineConfig.deterministic(handshake).withBootargs("console=hvc0 quiet"));
            handshake.attach(machine);
            machine.attach(new Virtio9p(fs));
            machine.bootKernel(KernelImage.load());
            runUntil(handshake, machine, console, 0, "# ");
            long bootEnd = System.nanoTime();
            int from = console.size();
            byte[] typed = LOOP.getBytes(StandardCharsets.UTF_8);
            long startCount = machine.cpu().instret();
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            handshake.input(typed, 0, typed.length);
            runUntil(handshake, machine, console, from, DONE);
            long end = System.nanoTime();
            long cpuEnd = THREADS.getCurrentThreadCpuTime();
            long count = machine.cpu().instret() - startCount;
            System.out.printf("%s  boot to prompt %.3f s, loop %.3f s (%.3f s CPU), %,d instructions, %.1f MIPS (%.1f per CPU second)%n",
                    r < 0 ? "warm-up" : "run    ", (bootEnd - bootStart) / 1e9, (end - start) / 1e9,
                    (cpuEnd - cpuStart) / 1e9, count, count * 1e3 / (end - start), count * 1e3 / (cpuEnd - cpuStart));
            if (r >= 0) {
                loopCpuSeconds[r] = (cpuEnd - cpuStart) / 1e9;
            }
            if (machine.cpu().accelerator() instanceof Translator t) {
                System.out.printf("  translator: %,d compiled, %,d dropped, %,d entries, %,d translated instructions (%.0f%%, %.1f per entry)%n",
                        t.compiledBlocks(), t.droppedBlocks(), t.blockRuns(), t.translatedInstructions(),
                        100.0 * t.translatedInstructions() / machine.cpu().instret(),
                        (double) t.translatedInstructions() / Math.max(1, t.blockRuns()));
                long[] d = t.diagnostics();
                System.out.printf("  interpreted: %,d at a fetch-TLB miss, %,d beside a unit, %,d on pages without one; %,d cache misses, %,d pages given up, %,d units left to the interpreter, %,d compilations refused by the back end%n",
                        d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
            }
            if (r >= 0) {
                loopSeconds[r] = (end - start) / 1e9;
                bootSeconds[r] = (bootEnd - bootStart) / 1e9;
                instructions = count;
            }
        }
        Arrays.sort(loopSeconds);
        Arrays.sort(bootSeconds);
        Arrays.sort(loopCpuSeconds);
        double loop = loopSeconds[runs / 2];
        double loopCpu = loopCpuSeconds[runs / 2];
        System.out.printf("shell loop: median %.3f s, %,d instructions, %.1f MIPS (median %.3f s CPU of the machine's thread, %.1f MIPS); boot to prompt median %.3f s (%d runs); load average %s%n",
                loop, instructions, instructions / loop / 1e6, loopCpu, instructions / loopCpu / 1e6, bootSeconds[runs / 2], runs,
                loadAverage());
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void runUntil(InitHandshake handshake, Machine machine, ByteArrayOutputStream console, int from, String expected) {
        long executed = 0;
        while (!console.toString(StandardCharsets.UTF_8).substring(from).contains(expected)) {
            long ran = handshake.run(SLICE);
            executed += ran;
            if (executed > 20_000_000_000L || machine.halted()) {
                throw new IllegalStateException("no " + expected + " after " + executed + " instructions:\n" + console);
            }
        }
    }
}
