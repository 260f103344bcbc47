package dev.termpress.emulator.bench;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Csr;
import dev.termpress.emulator.host.Clock;
import dev.termpress.emulator.host.ConsoleOutput;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Guest MIPS on HotSpot for two workloads (docs/benchmarks.md): the compute-bound bare-metal
 * program {@code bench/compute.bin}, and the committed kernel booting with the deterministic clock
 * until its init program starts. A plain main, not a unit test: 2 warm-up runs, then 5 measured.
 * MIPS are computed from the thread's CPU time, which a shared machine disturbs less than wall time.
 */
public final class EmulatorBenchmark {

    private static final int WARM_UP = 5;
    private static final int RUNS = 5;
    private static final long COMPUTE_RESULT = Ram.BASE + 0x20_0000L;
    private static final int COMPUTE_CHECKSUM = 0x5232a1a7;
    private static final String KERNEL = "/dev/termpress/emulator/kernel/Image.gz";
    private static final String INIT_STARTED = "Run /init as init process";
    private static final long BOOT_LIMIT = 1_000_000_000L;
    private static final long SLICE = 1_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EmulatorBenchmark() {
    }

    /**
     * Runs one workload: arguments are the emulator module directory and {@code compute} or
     * {@code boot}. Each workload gets its own JVM (the bench profile forks one per workload), since
     * the JIT specialises the interpreter loop to whatever guest code it saw first.
     */
    public static void main(String[] args) throws IOException {
        Path module = Paths.get(args.length > 0 ? args[0] : "emulator");
        String workload = args.length > 1 ? args[1] : "compute";
        // As the termpress CLI: translated unless -Dtermpress.translate=off / TERMPRESS_TRANSLATE=off.
        JvmTranslation.configureFromSettings();
        System.out.println(JvmTranslation.enabled() ? "translator: on" : "translator: off (interpreter)");
        if (workload.equals("compute")) {
            byte[] compute = Files.readAllBytes(module.resolve("bench/compute.bin"));
            report("compute (bench/compute.bin)", measure(() -> runCompute(compute)));
        } else if (workload.equals("boot")) {
            byte[] kernel = kernelImage();
            if (kernel == null) {
                System.out.println("boot: skipped, no kernel image resource " + KERNEL);
                return;
            }
            report("kernel boot to init", measure(() -> bootToInit(kernel)));
        } else {
            throw new IllegalArgumentException("workload must be compute or boot, got " + workload);
        }
    }

    /** One measured run: instructions executed, CPU nanoseconds, and guest nanoseconds. */
    private record Run(long instructions, long cpuNanos, long guestNanos) {
        double mips() {
            return instructions * 1e3 / cpuNanos;
        }
    }

    private interface Workload {
        Run run();
    }

    private static Run[] measure(Workload workload) {
        for (int i = 0; i < WARM_UP; i++) {
            workload.run();
        }
        Run[] runs = new Run[RUNS];
        for (int i = 0; i < RUNS; i++) {
            runs[i] = workload.run();
        }
        return runs;
    }

    private static void report(String name, Run[] runs) {
        double[] mips = Arrays.stream(runs).mapToDouble(Run::mips).sorted().toArray();
        Run first = runs[0];
        System.out.printf("%s: %,d instructions, guest time %.3f s%n", name, first.instructions(),
                first.guestNanos() / 1e9);
        for (Run run : runs) {
            System.out.printf("  run  %7.1f MIPS  %6.3f s CPU%n", run.mips(), run.cpuNanos() / 1e9);
        }
        System.out.printf("  median %.1f MIPS, best %.1f MIPS over %d runs (after %d warm-up)%n",
                mips[mips.length / 2], mips[mips.length - 1], RUNS, WARM_UP);
    }

    private static Run runCompute(byte[] program) {
        Machine machine = new Machine(MachineConfig.deterministic((d, o, l) -> { }).withRamBytes(8L << 20));
        machine.ram().write(Ram.BASE, program, 0, program.length);
        machine.bootBare(Ram.BASE);
        long start = THREADS.getCurrentThreadCpuTime();
        long executed = 0;
        while (!machine.halted()) {
            executed += machine.run(SLICE * 10);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        int checksum = machine.ram().load32(COMPUTE_RESULT);
        if (checksum != COMPUTE_CHECKSUM) {
            throw new IllegalStateException(String.format("compute checksum %08x, expected %08x", checksum,
                    COMPUTE_CHECKSUM));
        }
        return new Run(executed, cpu, guestNanos(machine));
    }

    private static Run bootToInit(byte[] image) {
        StringBuilder console = new StringBuilder();
        ConsoleOutput output = (data, offset, length) ->
                console.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
        Machine machine = new Machine(MachineConfig.deterministic(output));
        machine.bootKernel(image);
        long start = THREADS.getCurrentThreadCpuTime();
        long executed = 0;
        while (executed < BOOT_LIMIT && !machine.halted() && console.indexOf(INIT_STARTED) < 0) {
            long ran = machine.run(SLICE);
            executed += ran;
            if (ran == 0) {
                break;
            }
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (console.indexOf(INIT_STARTED) < 0) {
            throw new IllegalStateException("the kernel did not reach init; console:\n" + console);
        }
        return new Run(executed, cpu, guestNanos(machine));
    }

    /** Guest time: the time CSR, which includes what WFI skipped. */
    private static long guestNanos(Machine machine) {
        return machine.cpu().csr(Csr.TIME) * (1_000_000_000L / Clock.TIMEBASE_HZ);
    }

    private static byte[] kernelImage() throws IOException {
        try (InputStream in = EmulatorBenchmark.class.getResourceAsStream(KERNEL)) {
            return in == null ? null : new GZIPInputStream(in).readAllBytes();
        }
    }
}
