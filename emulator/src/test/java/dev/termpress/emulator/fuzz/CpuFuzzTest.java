package dev.termpress.emulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.termpress.emulator.Machine;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.DecodeCacheInvariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coverage-guided fuzzing (Jazzer) of the CPU: the input's bytes are the code, run from {@link FuzzMachine#CODE}
 * in M, S or U mode with paging off or on, so the fuzzer steers decoding, execution, traps, the MMU and the
 * translator directly. No exception may escape {@link Machine#run}, every run ends within its instruction
 * budget, and no decoded instruction the CPU caches may be stale afterwards. Guest faults are fine: the
 * handler steps past them.
 *
 * <p>An input: byte 0 picks the mode (bits 0-1: M, S, U) and paging (bit 2, S and U only), bytes 1-8 seed
 * RAM's random words, the page tables and the registers, and the rest (up to {@link FuzzMachine#CODE_PARCELS}
 * parcels) is the code. {@link #main} writes the committed seeds.
 */
class CpuFuzzTest {

    /** Per input; a long run raises it ({@code -Dtermpress.fuzz.cpu.instructions}) to spend less on set-up. */
    private static final long INSTRUCTIONS = Long.getLong("termpress.fuzz.cpu.instructions", 50_000);
    private static final int HEADER = 9;
    private static final int PAGING = 4;
    /** Instructions retired over all inputs of this JVM, printed for the long run's record. */
    private static final AtomicLong RETIRED = new AtomicLong();
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final long REPORT_EVERY = 1_000;

    @FuzzTest(maxDuration = "5s")
    void instructionStreamsNeverThrowOnTheHost(byte[] input) {
        if (input.length < HEADER) {
            return;
        }
        int mode = new int[] {Cpu.PRIV_M, Cpu.PRIV_S, Cpu.PRIV_U, Cpu.PRIV_U}[input[0] & 3];
        boolean paging = mode != Cpu.PRIV_M && (input[0] & PAGING) != 0;
        long seed = 0;
        for (int i = 1; i < HEADER; i++) {
            seed = seed << 8 | (input[i] & 0xff);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Machine machine = FuzzMachine.newMachine(random);
        int codeBytes = Math.min(input.length - HEADER, FuzzMachine.CODE_PARCELS * 2);
        for (int i = 0; i < codeBytes; i++) {
            machine.ram().store8(FuzzMachine.CODE + i, input[HEADER + i]);
        }
        FuzzMachine.enter(machine, random, mode, paging);

        long retired = machine.run(INSTRUCTIONS);

        assertThat(retired).isBetween(0L, INSTRUCTIONS);
        assertThat(DecodeCacheInvariant.firstStaleEntry(machine.cpu())).isNull();
        long total = RETIRED.addAndGet(retired);
        if (INPUTS.incrementAndGet() % REPORT_EVERY == 0) {
            System.out.println("cpu fuzz: " + INPUTS.get() + " inputs, " + total + " guest instructions");
        }
    }

    /** Writes the seed corpus: every mode with and without paging over random and over store-heavy code. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/termpress/emulator/fuzz/"
                + "CpuFuzzTestInputs/instructionStreamsNeverThrowOnTheHost");
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(5);
        int[] controls = {0, 1, 1 | PAGING, 2, 2 | PAGING};
        for (int seed = 0; seed < 20; seed++) {
            byte[] input = new byte[HEADER + 256 + random.nextInt(768)];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) random.nextInt(256);
            }
            input[0] = (byte) controls[seed % controls.length];
            if (seed >= 10) {
                // Store-heavy code (opcode 0x23, widths 0-3) so self-modifying paths are seeded too.
                for (int i = HEADER; i + 4 <= input.length; i += 8) {
                    input[i] = (byte) (0x23 | (input[i] & 0x80));
                    input[i + 1] = (byte) (input[i + 1] & 0x3f);
                }
            }
            Files.write(dir.resolve(String.format("code-%02d", seed)), input);
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (INPUTS.get() > 0) {
                System.out.println("cpu fuzz: " + INPUTS.get() + " inputs, " + RETIRED.get() + " guest instructions");
            }
        }));
    }
}
