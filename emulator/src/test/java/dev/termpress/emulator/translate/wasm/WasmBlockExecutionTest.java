package dev.termpress.emulator.translate.wasm;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The WebAssembly back end against the interpreter: a unit decoded from a machine runs in Chromium
 * over copies of its arrays, and an interpreter from the same state then runs as many instructions
 * as the unit reported; registers, pc and RAM must agree, and the exit code must say why it left.
 */
class WasmBlockExecutionTest {
    private static final long BASE = Harness.BASE;
    private static final int S1 = 9;
    private static final long DATA = BASE + 0x8000;
    /** Registers random code writes (not s1, the data pointer, nor a7, the loop counter). */
    private static final int[] POOL = {5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 28, 29, 30, 31};
    private static final int LOOP = 17;
    private static final int S2 = 18;
    /** Interpreted first: fill the load and store TLB entries for the data page and a store entry for the code page. */
    private static final int[] WARM_UP = {ld(5, S1, 0), sd(5, S1, 8), sw(0, S2, 0x7f0)};

    private record Prepared(Harness machine, long pc, BlockRunner.Case unit) {
    }

    /** A machine running {@code code} after the warm-up, its registers set by {@code setup}, stopped at the unit. */
    private static Harness machine(int[] code, Consumer<Harness> setup) {
        Harness h = new Harness();
        h.cpu.setAccelerator(null);
        int[] all = new int[WARM_UP.length + code.length];
        System.arraycopy(WARM_UP, 0, all, 0, WARM_UP.length);
        System.arraycopy(code, 0, all, WARM_UP.length, code.length);
        h.program(all);
        h.set(S1, DATA);
        h.set(S2, BASE);
        setup.accept(h);
        for (int w = 0; w < 512; w++) {
            h.ram.store32(DATA + 4L * w, w * 0x9E3779B9 + 7);
        }
        h.step(WARM_UP.length);
        return h;
    }

    private static Prepared prepare(int[] code, Consumer<Harness> setup, int budget) {
        return prepare(code, setup, budget, 0);
    }

    /**
     * The unit decoded at the program's start (entered only there), entered after the interpreter ran
     * {@code steps} instructions of it: wherever that left the pc.
     */
    private static Prepared prepare(int[] code, Consumer<Harness> setup, int budget, int steps) {
        Harness h = machine(code, setup);
        long start = h.cpu.pc();
        Block block = BlockDecoder.decode(h.cpu.translationAccess(), start, start - BASE, new long[Block.ENTRY_WORDS],
                BlockDecoder.MAX_INSNS);
        assertThat(block).isNotNull();
        h.step(steps);
        long pc = h.cpu.pc();
        return new Prepared(h, pc, BlockRunner.prepare(block, h.cpu.translationAccess(), pc, budget));
    }

    /** Runs the units and checks each against an interpreter that ran the same count; returns the results. */
    private static List<BlockRunner.Result> check(List<int[]> programs, List<Consumer<Harness>> setups, int budget)
            throws Exception {
        return check(programs, setups, budget, new int[programs.size()]);
    }

    /** As above, each unit entered where the interpreter got to after {@code steps[i]} instructions. */
    private static List<BlockRunner.Result> check(List<int[]> programs, List<Consumer<Harness>> setups, int budget,
            int[] steps) throws Exception {
        List<BlockRunner.Case> cases = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            cases.add(prepare(programs.get(i), setups.get(i), budget, steps[i]).unit());
        }
        List<BlockRunner.Result> results = BlockRunner.run(cases);
        for (int i = 0; i < programs.size(); i++) {
            BlockRunner.Result r = results.get(i);
            Harness reference = machine(programs.get(i), setups.get(i));
            reference.step(steps[i]);
            int[] before = reference.cpu.translationAccess().mem.clone();
            reference.step(r.done());
            String what = "case " + i + " (exit " + r.exit() + ", " + r.done() + " run)";
            assertThat(r.nextPc()).as(what + ": pc").isEqualTo(reference.cpu.pc());
            for (int reg = 1; reg < 32; reg++) {
                assertThat(r.x()[reg]).as(what + ": x" + reg).isEqualTo(reference.x(reg));
            }
            int[] after = reference.cpu.translationAccess().mem;
            List<String> expected = new ArrayList<>();
            for (int w = 0; w < after.length; w++) {
                if (after[w] != before[w]) {
                    expected.add(w + "=" + after[w]);
                }
            }
            List<String> actual = new ArrayList<>();
            for (long[] kv : r.changedWords()) {
                actual.add(kv[0] + "=" + kv[1]);
            }
            assertThat(actual).as(what + ": RAM words written").isEqualTo(expected);
        }
        return results;
    }

    @Test
    void randomIntegerAndMemoryCodeMatchesTheInterpreter() throws Exception {
        List<BlockRunner.Result> results = randomCases(new int[24], 5000);
        assertThat(results).extracting(BlockRunner.Result::done).allMatch(d -> d > 0);
    }

    @Test
    void randomCodeEnteredAtAnyInstructionMatchesTheInterpreter() throws Exception {
        // entered wherever the interpreter got to: mostly inside a chain, with budgets that cover or
        // cut the rest of that chain
        int[] steps = new int[24];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 1 + 7 * i % 53;
        }
        randomCases(steps, 5000);
        List<BlockRunner.Result> cut = randomCases(steps, 3);
        assertThat(cut).extracting(BlockRunner.Result::exit).contains(WasmBlockCompiler.EXIT_BUDGET);
    }

    private static List<BlockRunner.Result> randomCases(int[] steps, int budget) throws Exception {
        List<int[]> programs = new ArrayList<>();
        List<Consumer<Harness>> setups = new ArrayList<>();
        for (int seed = 1; seed <= steps.length; seed++) {
            Random random = new Random(seed);
            programs.add(randomProgram(random, 40 + random.nextInt(60), seed % 2 == 0)); // even seeds: misaligned accesses too
            long[] values = new long[32];
            for (int r = 0; r < 32; r++) {
                values[r] = special(random);
            }
            setups.add(h -> {
                for (int r : POOL) {
                    h.set(r, values[r]);
                }
                h.set(LOOP, 4);
            });
        }
        List<BlockRunner.Result> results = check(programs, setups, budget, steps);
        if (budget >= 5000) {
            // Without misaligned accesses the units run their loop to the end and spin until the budget.
            for (int i = 0; i < results.size(); i += 2) {
                assertThat(results.get(i).exit()).as("case %d", i).isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
                assertThat(results.get(i).done()).as("case %d", i).isPositive();
            }
        }
        return results;
    }

    @Test
    void theBudgetStopsBeforeAChainItDoesNotCoverWhole() throws Exception {
        // a loop of 3: the budgets end at, inside and just after a chain
        int[] loop = {addi(10, 10, 1), addi(11, 11, 2), b(-8, 0, 10, 1), j(0, 0)};
        int[] budgets = {0, 2, 3, 4, 301};
        List<BlockRunner.Case> cases = new ArrayList<>();
        for (int budget : budgets) {
            cases.add(prepare(loop, h -> h.set(10, -1000), budget).unit());
        }
        List<BlockRunner.Result> results = BlockRunner.run(cases);
        assertThat(results).extracting(BlockRunner.Result::done).containsExactly(0, 0, 3, 3, 300);
        assertThat(results).extracting(BlockRunner.Result::exit).containsOnly(WasmBlockCompiler.EXIT_BUDGET);
    }

    @Test
    void aUnitIsEnteredAtAnyInstructionAndLeavesAtOnceElsewhere() throws Exception {
        // chains start at the loop (the entry, a branch target) and at the spin after the branch; the
        // second addi starts none, but the unit may be entered there too
        int[] loop = {addi(10, 10, 1), addi(11, 11, 2), b(-8, 0, 10, 1), j(0, 0)};
        Prepared p = prepare(loop, h -> h.set(10, -1000), 0);
        byte[] module = p.unit().module();
        TranslationAccess access = p.machine().cpu.translationAccess();
        List<BlockRunner.Result> results = BlockRunner.run(List.of(
                new BlockRunner.Case(module, access, p.pc() + 12, 50),
                new BlockRunner.Case(module, access, p.pc() + 4, 50),
                new BlockRunner.Case(module, access, p.pc() + 4, 1),
                new BlockRunner.Case(module, access, p.pc() + 2, 50),
                new BlockRunner.Case(module, access, p.pc() + 16, 50),
                new BlockRunner.Case(module, access, p.pc(), 30)));
        BlockRunner.Result spin = results.get(0);
        assertThat(spin.exit()).isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
        assertThat(spin.done()).isEqualTo(50);
        assertThat(spin.nextPc()).isEqualTo(p.pc() + 12);
        assertThat(spin.x()[10]).isEqualTo(-1000);
        BlockRunner.Result inside = results.get(1);
        assertThat(inside.exit()).isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
        assertThat(inside.done()).as("the rest of the chain, then 16 whole chains").isEqualTo(2 + 3 * 16);
        assertThat(inside.x()[10]).isEqualTo(-1000 + 16);
        assertThat(inside.x()[11]).isEqualTo(p.machine().x(11) + 2 * 17);
        BlockRunner.Result cut = results.get(2);
        assertThat(cut.exit()).as("the budget does not cover the rest of the chain").isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
        assertThat(cut.done()).isZero();
        assertThat(cut.nextPc()).isEqualTo(p.pc() + 4);
        for (BlockRunner.Result none : List.of(results.get(3), results.get(4))) {
            assertThat(none.exit()).isEqualTo(WasmBlockCompiler.EXIT_NOT_ENTRY);
            assertThat(none.done()).isZero();
            assertThat(none.x()[11]).isEqualTo(p.machine().x(11));
        }
        assertThat(results.get(3).nextPc()).as("inside an instruction").isEqualTo(p.pc() + 2);
        assertThat(results.get(4).nextPc()).as("past the unit").isEqualTo(p.pc() + 16);
        BlockRunner.Result entry = results.get(5);
        assertThat(entry.done()).isEqualTo(30);
        assertThat(entry.x()[10]).isEqualTo(-990);
    }

    @Test
    void accessesOffTheFastPathLeaveForTheInterpreterAtThatInstruction() throws Exception {
        long otherPage = BASE + 0x20000; // no TLB entry yet
        int[] code = {
            addi(10, 10, 1),
            lw(11, S1, 2), // misaligned
        };
        int[] store = {addi(10, 10, 1), addi(12, 12, 3), sd(12, 13, 0)};
        int[] codeStore = {addi(10, 10, 1), sw(10, S2, 0x7f4)}; // the code page's store entry is marked
        List<int[]> programs = List.of(code, store, codeStore);
        List<Consumer<Harness>> setups = List.of(h -> { }, h -> h.set(13, otherPage), h -> { });
        List<BlockRunner.Result> results = check(programs, setups, 1000);
        assertThat(results).extracting(BlockRunner.Result::exit).containsOnly(WasmBlockCompiler.EXIT_INTERPRET);
        assertThat(results).extracting(BlockRunner.Result::done).containsExactly(1, 2, 1);
    }

    @Test
    void jalrLeavesWithItsTargetAndTheLinkWritten() throws Exception {
        int[] code = {addi(10, 10, 5), jalr(1, 1, 3)};
        List<BlockRunner.Result> results = check(List.of(code), List.of(h -> h.set(1, BASE + 0x1001)), 100);
        assertThat(results.get(0).exit()).isEqualTo(WasmBlockCompiler.EXIT_NEXT);
        assertThat(results.get(0).nextPc()).isEqualTo(BASE + 0x1004);
    }

    @Test
    void compressedInstructionsRunAsTheInterpreterRunsThem() throws Exception {
        int[] halves = {
            0x4515, // c.li a0, 5
            0x95AA, // loop: c.add a1, a0
            0xC0CC, // c.sw a1, 4(s1)
            0x40D0, // c.lw a2, 4(s1)
            0x157D, // c.addi a0, -1
        };
        int[] tail = {b(-8, 0, 10, 1), j(0, 0)}; // bne a0, zero, loop (at a halfword boundary); spin
        int[] code = new int[(halves.length + 2 * tail.length + 1) / 2];
        int h = 0;
        for (int half : halves) {
            code[h / 2] |= half << (16 * (h % 2));
            h++;
        }
        for (int word : tail) {
            code[h / 2] |= (word & 0xffff) << (16 * (h % 2));
            h++;
            code[h / 2] |= (word >>> 16) << (16 * (h % 2));
            h++;
        }
        List<BlockRunner.Result> results = check(List.of(code), List.of(x -> { }), 1000);
        assertThat(results.get(0).exit()).isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
        assertThat(results.get(0).done()).isEqualTo(1000);
    }

    /** Values that stress division and shifts: zero, all ones, the extremes, and random ones. */
    private static long special(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> random.nextInt(100) - 50;
            default -> random.nextLong();
        };
    }

    private static int pick(Random random) {
        return POOL[random.nextInt(POOL.length)];
    }

    /** {@code n} random instructions ({@code misaligned}: some accesses misaligned), then a loop back to their start while a7 counts down, then a spin. */
    static int[] randomProgram(Random random, int n, boolean misaligned) {
        List<Integer> code = new ArrayList<>();
        while (code.size() < n) {
            int rd = random.nextInt(10) == 0 ? 0 : pick(random);
            int rs1 = pick(random);
            int rs2 = pick(random);
            switch (random.nextInt(12)) {
                case 0, 1 -> { // OP and the M extension
                    int funct3 = random.nextInt(8);
                    int funct7 = random.nextInt(3) == 0 ? 1 : (funct3 == 0 || funct3 == 5) && random.nextBoolean() ? 0x20 : 0;
                    code.add(r(funct7, rs2, rs1, funct3, rd, 0x33));
                }
                case 2 -> { // OP-32 and the M word forms
                    int[][] forms = {{0, 0}, {0x20, 0}, {0, 1}, {0, 5}, {0x20, 5}, {1, 0}, {1, 4}, {1, 5}, {1, 6}, {1, 7}};
                    int[] form = forms[random.nextInt(forms.length)];
                    code.add(r(form[0], rs2, rs1, form[1], rd, 0x3b));
                }
                case 3, 4 -> { // OP-IMM
                    int funct3 = random.nextInt(8);
                    int imm = random.nextInt(4096) - 2048;
                    if (funct3 == 1) {
                        imm = random.nextInt(64);
                    } else if (funct3 == 5) {
                        imm = random.nextInt(64) | (random.nextBoolean() ? 0x400 : 0);
                    }
                    code.add(i(imm, rs1, funct3, rd, 0x13));
                }
                case 5 -> { // OP-IMM-32
                    int funct3 = new int[] {0, 1, 5}[random.nextInt(3)];
                    int imm = funct3 == 0 ? random.nextInt(4096) - 2048
                            : random.nextInt(32) | (funct3 == 5 && random.nextBoolean() ? 0x400 : 0);
                    code.add(i(imm, rs1, funct3, rd, 0x1b));
                }
                case 6, 7 -> { // loads from the data page, now and then misaligned
                    int funct3 = new int[] {0, 1, 2, 3, 4, 5, 6}[random.nextInt(7)];
                    int size = 1 << (funct3 & 3);
                    int offset = random.nextInt(2048 / size) * size + (misaligned && random.nextInt(12) == 0 ? 1 : 0);
                    code.add(i(offset, S1, funct3, rd, 0x03));
                }
                case 8 -> { // stores to the data page
                    int funct3 = random.nextInt(4);
                    int size = 1 << funct3;
                    int offset = random.nextInt(2048 / size) * size + (misaligned && random.nextInt(16) == 0 ? 1 : 0);
                    code.add(s(offset, rs2, S1, funct3, 0x23));
                }
                case 9 -> code.add(lui(rd, random.nextInt(1 << 20)));
                case 10 -> code.add((random.nextInt(1 << 20) << 12) | (rd << 7) | 0x17); // AUIPC
                default -> { // a forward branch over one to three instructions
                    int[] conds = {0, 1, 4, 5, 6, 7};
                    int skip = 1 + random.nextInt(3);
                    code.add(b(4 * (skip + 1), rs2, rs1, conds[random.nextInt(conds.length)]));
                    for (int k = 0; k < skip; k++) {
                        code.add(addi(pick(random), pick(random), random.nextInt(4096) - 2048));
                    }
                }
            }
        }
        int body = code.size();
        code.add(addi(LOOP, LOOP, -1));
        code.add(b(-4 * (body + 1), 0, LOOP, 1)); // bne a7, zero, start
        code.add(j(0, 0));
        int[] words = new int[code.size()];
        for (int k = 0; k < words.length; k++) {
            words[k] = code.get(k);
        }
        return words;
    }
}
