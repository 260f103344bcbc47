package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockDecoder;
import dev.termpress.emulator.translate.wasm.WasmBlockCompiler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebAssembly back end's first cut in Chromium: a unit the front end decodes from a running
 * machine (an xorshift loop of shifts, xors, word forms, compares and branches), compiled to a module
 * and run over a register array, must leave the registers and pc the interpreter leaves after the
 * same number of instructions.
 */
class WasmBlockCompilerTest {
    private static final int[] CODE = {
        0x00003537, 0x0395051B, 0x00000613, 0x3E800593, 0x00D51293, 0x00554533, 0x00755293, 0x00554533,
        0x01151293, 0x00554533, 0x00A6063B, 0x4035531B, 0x406686B3, 0x00A6B3B3, 0x00770733, 0xFFF58593,
        0xFC0598E3, 0x00000797, 0xFC5FF06F,
    };
    private static final int SETUP = 3;
    private static final int PER_OUTER = 1 + 13 * 1000 + 2;
    /** Two outer passes, then into the third: ends at a chain start, as the interpreter's budget does. */
    private static final int BUDGET = 2 * PER_OUTER + 1 + 13 * 37;

    private static Chromium chromium;

    @BeforeAll
    static void start() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static Machine machineAtTheLoop() {
        Machine m = new Machine(MachineConfig.deterministic((data, offset, length) -> { }).withRamBytes(1 << 20));
        byte[] bytes = new byte[CODE.length * 4];
        for (int i = 0; i < CODE.length; i++) {
            for (int b = 0; b < 4; b++) {
                bytes[4 * i + b] = (byte) (CODE[i] >>> (8 * b));
            }
        }
        m.ram().write(Ram.BASE, bytes, 0, bytes.length);
        m.bootBare(Ram.BASE);
        m.run(SETUP);
        return m;
    }

    private static List<String> state(Machine m) {
        List<String> s = new ArrayList<>();
        for (int r = 1; r < 32; r++) {
            s.add(Long.toString(m.cpu().reg(r)));
        }
        s.add(Long.toString(m.cpu().pc()));
        return s;
    }

    @Test
    void aDecodedUnitRunsAsTheInterpreterDoes() {
        Machine reference = machineAtTheLoop();
        assertThat(reference.run(BUDGET)).isEqualTo(BUDGET);
        List<String> expected = new ArrayList<>(state(reference));
        expected.add(Integer.toString(BUDGET));

        Machine m = machineAtTheLoop();
        long pc = m.cpu().pc();
        Block block = BlockDecoder.decode(m.cpu().translationAccess(), pc, pc - Ram.BASE, new long[Block.ENTRY_WORDS],
                BlockDecoder.MAX_INSNS);
        assertThat(WasmBlockCompiler.supports(block)).isTrue();
        List<String> start = state(m);
        Object out;
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            out = page.evaluate("async (a) => {\n"
                    + "  const bytes = Uint8Array.from(atob(a.module), (c) => c.charCodeAt(0));\n"
                    + "  const helper = Uint8Array.from(atob(a.helper), (c) => c.charCodeAt(0));\n"
                    + "  const h = (await WebAssembly.instantiate(helper)).instance.exports;\n"
                    + "  const run = (await WebAssembly.instantiate(bytes)).instance.exports.run;\n"
                    + "  const x = h.newLongs(33);\n"
                    + "  for (let r = 1; r < 32; r++) h.setLong(x, r, BigInt(a.start[r - 1]));\n"
                    + "  const mem = h.newInts(a.ramWords), tlb = h.newLongs(a.tlbLongs);\n"
                    + "  const [next, done] = run(x, mem, tlb, 0n, BigInt(a.pc), a.budget);\n"
                    + "  const s = []; for (let r = 1; r < 32; r++) s.push(String(h.getLong(x, r)));\n"
                    + "  s.push(String(BigInt.asIntN(64, next))); s.push(String(done)); return s;\n"
                    + "}", Map.of("module", Base64.getEncoder().encodeToString(WasmBlockCompiler.compile(block)),
                            "helper", Base64.getEncoder().encodeToString(GeneratedWasmGcTest.arraysModule()),
                            "start", start, "pc", Long.toString(pc), "budget", BUDGET,
                            "ramWords", m.cpu().translationAccess().mem.length,
                            "tlbLongs", m.cpu().translationAccess().tlb.length));
        }
        assertThat(out).isEqualTo(expected);
    }
}
