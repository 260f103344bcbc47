package dev.termpress.emulator.translate.wasm;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher in Chromium: a loop on one page calling a function on the next runs unit after
 * unit inside WebAssembly, and leaves where the interpreter must look, with the interpreter's state.
 */
class WasmDispatcherTest {
    private static final long BASE = Harness.BASE;
    private static final long DATA = BASE + 0x8000;
    private static final int S1 = 9;
    private static final int LOOP = 17;

    /** The loop (page 0) and the function it calls (page 1), one iteration interpreted to fill the TLBs. */
    private static Harness machine() {
        Harness h = new Harness();
        h.cpu.setAccelerator(null);
        h.program(
                addi(10, 10, 1), // loop: a0++
                j(0x1000 - 4, RA), // jal ra, f (next page)
                addi(LOOP, LOOP, -1),
                b(-12, 0, LOOP, 1), // bne a7, zero, loop
                j(0, 0)); // spin
        h.code(BASE + 0x1000,
                add(11, 11, 10), // f: a1 += a0
                sd(11, S1, 0),
                ld(12, S1, 0),
                r(1, 10, 12, 0, 13, 0x33), // mul a3, a2, a0
                jalr(0, RA, 0));
        h.set(S1, DATA).set(LOOP, 60);
        h.step(9);
        return h;
    }

    private static byte[] unit(Harness h, long pc) {
        Block block = BlockDecoder.decode(h.cpu.translationAccess(), pc, pc - BASE, new long[Block.ENTRY_WORDS],
                BlockDecoder.MAX_INSNS);
        return WasmBlockCompiler.compile(block);
    }

    private static BlockRunner.Case dispatched(Harness h, Map<Integer, byte[]> units, int budget) {
        return dispatched(h, units, budget, false);
    }

    private static BlockRunner.Case dispatched(Harness h, Map<Integer, byte[]> units, int budget, boolean viaEnter) {
        return new BlockRunner.Case(null, h.cpu.translationAccess(), h.cpu.pc(), budget,
                WasmDispatcher.module(h.cpu.translationAccess().mem.length / 1024), units, viaEnter);
    }

    @Test
    void unitsCallEachOtherInsideWebAssemblyUntilTheBudget() throws Exception {
        Harness h = machine();
        assertThat(h.cpu.pc()).isEqualTo(BASE);
        Map<Integer, byte[]> units = new HashMap<>();
        units.put(0, unit(h, BASE));
        units.put(1, unit(h, BASE + 0x1000));
        Map<Integer, byte[]> onlyTheLoop = Map.of(0, unit(h, BASE));
        List<BlockRunner.Result> results = BlockRunner.run(List.of(dispatched(h, units, 3000),
                dispatched(h, onlyTheLoop, 3000), dispatched(h, units, 3000, true), dispatched(h, onlyTheLoop, 3000, true)));

        BlockRunner.Result all = results.get(0);
        assertThat(all.exit()).isEqualTo(WasmBlockCompiler.EXIT_BUDGET);
        assertThat(all.done()).isEqualTo(3000); // 59 more calls of 9 instructions, then the spin
        // enter, over the io array, leaves exactly what dispatch returns
        assertThat(results.get(2)).usingRecursiveComparison().isEqualTo(all);
        assertThat(results.get(3)).usingRecursiveComparison().isEqualTo(results.get(1));
        BlockRunner.Result missing = results.get(1);
        assertThat(missing.exit()).isEqualTo(WasmDispatcher.EXIT_NO_UNIT);
        assertThat(missing.done()).isEqualTo(2);
        assertThat(missing.nextPc()).isEqualTo(BASE + 0x1000);
        for (BlockRunner.Result r : results) {
            Harness reference = machine();
            int[] before = reference.cpu.translationAccess().mem.clone();
            reference.step(r.done());
            assertThat(r.nextPc()).isEqualTo(reference.cpu.pc());
            for (int reg = 1; reg < 32; reg++) {
                assertThat(r.x()[reg]).as("x%d", reg).isEqualTo(reference.x(reg));
            }
            int[] after = reference.cpu.translationAccess().mem;
            List<String> expected = new java.util.ArrayList<>();
            for (int w = 0; w < after.length; w++) {
                if (after[w] != before[w]) {
                    expected.add(w + "=" + after[w]);
                }
            }
            assertThat(r.changedWords()).extracting(kv -> kv[0] + "=" + kv[1]).isEqualTo(expected);
        }
    }
}
