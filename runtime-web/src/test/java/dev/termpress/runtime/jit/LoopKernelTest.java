package dev.termpress.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The spike's translated loop, in each form node can run (linear memory, accessor imports, JavaScript),
 * against the interpreter running the same guest program for the same number of instructions. (The GC
 * array form needs WebAssembly GC, which node 20 lacks: the Chromium spike checks it the same way.)
 */
class LoopKernelTest {
    /** Two whole passes and 50 iterations into the third. */
    private static final int BUDGET = 2 * GuestLoop.INSTRUCTIONS_PER_PASS + 50 * GuestLoop.INSTRUCTIONS_PER_ITERATION;
    private static final int BUFFER_WORD = (int) ((GuestLoop.BUFFER - GuestLoop.ENTRY) >>> 2);

    /** The state the interpreter reaches: t1, a0, a1 and the buffer's checksum. */
    private static String interpreted() {
        GuestLoopMachine m = new GuestLoopMachine();
        m.runSetup();
        assertThat(m.cpu().pc()).isEqualTo(GuestLoop.INNER_PC);
        assertThat(m.run(BUDGET)).isEqualTo(BUDGET);
        assertThat(m.cpu().pc()).isEqualTo(GuestLoop.INNER_PC);
        return String.join("\n", Long.toString(BUDGET), Long.toString(m.cpu().reg(GuestLoop.T1)),
                Long.toString(m.cpu().reg(GuestLoop.A0)), Long.toString(m.cpu().reg(GuestLoop.A1)),
                Long.toString(GuestLoop.INNER_PC), Long.toString(m.bufferChecksum()));
    }

    /** JavaScript that fills {@code ram} (an Int32Array of guest RAM) as {@link GuestLoopMachine} does. */
    private static String fillBuffer(String ram, int firstWord) {
        return "for (let i = 0; i < " + GuestLoop.WORDS_PER_PASS + "; i++) " + ram + "[" + firstWord
                + " + i] = (Math.imul(i, 0x9E3779B9 | 0) + 12345) | 0;\n"
                + "const checksum = (w, first) => { let s = 0n; for (let i = 0; i < " + GuestLoop.WORDS_PER_PASS
                + "; i++) s = BigInt.asIntN(64, s * 31n + BigInt(w[first + i])); return s; };\n";
    }

    @Test
    void linearMemoryFormMatchesTheInterpreter() throws Exception {
        long ramBytes = GuestLoopMachine.RAM_BYTES;
        String out = NodeScript.run(LoopKernelModule.build(RamAccess.LINEAR_MEMORY, ramBytes),
                "const mem = new WebAssembly.Memory({ initial: " + LoopKernelModule.memoryPages(ramBytes) + " });\n"
                        + "const ram = new Int32Array(mem.buffer, " + LoopKernelModule.RAM_OFFSET + ");\n"
                        + "const x = new BigInt64Array(mem.buffer, " + LoopKernelModule.REGS_OFFSET + ", 33);\n"
                        + fillBuffer("ram", BUFFER_WORD)
                        + "x[8] = x[10] = " + GuestLoop.BUFFER + "n; x[11] = 4096n;\n"
                        + "const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ram: mem } })"
                        + ".exports.run;\n"
                        + "print(run(" + BUDGET + ")); print(x[6]); print(x[10]); print(x[11]); print(x[32]);"
                        + " print(checksum(ram, " + BUFFER_WORD + "));");
        assertThat(out).isEqualTo(interpreted());
    }

    @Test
    void accessorFormMatchesTheInterpreter() throws Exception {
        String out = NodeScript.run(LoopKernelModule.build(RamAccess.ACCESSORS, GuestLoopMachine.RAM_BYTES),
                "const ram = new Int32Array(" + (GuestLoopMachine.RAM_BYTES / 4) + ");\n"
                        + "const x = new BigInt64Array(33);\n"
                        + fillBuffer("ram", BUFFER_WORD)
                        + "x[8] = x[10] = " + GuestLoop.BUFFER + "n; x[11] = 4096n;\n"
                        + "const env = { load32: (i) => ram[i], store32: (i, v) => { ram[i] = v; },"
                        + " getReg: (i) => x[i], setReg: (i, v) => { x[i] = v; } };\n"
                        + "const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env }).exports.run;\n"
                        + "print(run(" + BUDGET + ")); print(x[6]); print(x[10]); print(x[11]); print(x[32]);"
                        + " print(checksum(ram, " + BUFFER_WORD + "));");
        assertThat(out).isEqualTo(interpreted());
    }

    @Test
    void javaScriptFormMatchesTheInterpreter() throws Exception {
        String out = NodeScript.run(new byte[0],
                "const ram = new Int32Array(" + (GuestLoopMachine.RAM_BYTES / 4) + ");\n"
                        + "const regs = new Int32Array(66);\n"
                        + fillBuffer("ram", BUFFER_WORD)
                        + "regs[16] = regs[20] = " + (int) GuestLoop.BUFFER + "; regs[22] = 4096;\n"
                        + "const run = eval(" + quote(LoopKernelScript.source(GuestLoopMachine.RAM_BYTES)) + ");\n"
                        + "const reg = (i) => (BigInt(regs[2 * i + 1]) << 32n) | BigInt(regs[2 * i] >>> 0);\n"
                        + "print(run(ram, regs, " + BUDGET + ")); print(reg(6)); print(reg(10)); print(reg(11));"
                        + " print(reg(32)); print(checksum(ram, " + BUFFER_WORD + "));");
        assertThat(out).isEqualTo(interpreted());
    }

    @Test
    void aFaultingAddressLeavesAtTheLoadWithTheRegistersWritten() throws Exception {
        // a0 below RAM: the first lw must leave at once, with nothing run and the pc at the load
        String out = NodeScript.run(LoopKernelModule.build(RamAccess.LINEAR_MEMORY, GuestLoopMachine.RAM_BYTES),
                "const mem = new WebAssembly.Memory({ initial: "
                        + LoopKernelModule.memoryPages(GuestLoopMachine.RAM_BYTES) + " });\n"
                        + "const x = new BigInt64Array(mem.buffer, 0, 33);\n"
                        + "x[10] = 0x1000n; x[11] = 4096n; x[6] = 7n;\n"
                        + "const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ram: mem } })"
                        + ".exports.run;\n"
                        + "print(run(1000)); print(x[32]); print(x[6]); print(x[10]);");
        assertThat(out).isEqualTo("0\n" + GuestLoop.INNER_PC + "\n7\n4096");
    }

    private static String quote(String js) {
        return "\"" + js.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
