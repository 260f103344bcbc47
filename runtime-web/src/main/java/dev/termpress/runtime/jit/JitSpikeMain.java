package dev.termpress.runtime.jit;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockDecoder;
import dev.termpress.emulator.translate.wasm.WasmBlockCompiler;
import dev.termpress.emulator.translate.wasm.WasmDispatcher;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The back-end spike's TeaVM program (Maven profile {@code jit-spike} of runtime-web, driven by
 * site-tests' {@code JitSpikeBenchmark}): the interpreter running {@link GuestLoop}, the generated
 * modules built here at run time by {@code translate.wasm}, and what each way of reaching RAM needs
 * from the TeaVM side. The worker script instantiates the modules and times them (docs/benchmarks.md).
 */
public final class JitSpikeMain {
    private static GuestLoopMachine machine = new GuestLoopMachine();

    private JitSpikeMain() {
    }

    public static void main(String[] args) {
        // Everything is reached through the exports below.
    }

    /** A fresh machine standing at the loop's pc, the buffer filled. */
    @JSExport
    public static void reset() {
        machine = new GuestLoopMachine();
        machine.runSetup();
    }

    /** Runs the interpreter for {@code instructions}; returns how many ran. */
    @JSExport
    public static double interpret(int instructions) {
        return machine.run(instructions);
    }

    /** The translated loop for {@code access} (a {@link RamAccess} name), written at run time. */
    @JSExport
    public static Int8Array kernelModule(String access) {
        return Int8Array.copyFromJavaArray(LoopKernelModule.build(RamAccess.valueOf(access), GuestLoopMachine.RAM_BYTES));
    }

    /** The loop translated to JavaScript instead. */
    @JSExport
    public static String kernelScript() {
        return LoopKernelScript.source(GuestLoopMachine.RAM_BYTES);
    }

    /** The module that opens TeaVM's int[] and long[] for generated code, from this program's own bytes. */
    @JSExport
    public static Int8Array unwrapModule(Int8Array teavmModule) {
        return Int8Array.copyFromJavaArray(TeaVmArrayTypes.of(teavmModule.copyToJavaArray()).unwrapModule());
    }

    /**
     * The translator's unit for the loop's page, written by {@code translate.wasm.WasmBlockCompiler}
     * from the front end's decoding of the current machine (call after {@link #reset}).
     */
    @JSExport
    public static Int8Array translatorModule() {
        TranslationAccess a = machine.cpu().translationAccess();
        long pc = machine.cpu().pc();
        Block block = BlockDecoder.decode(a, pc, a.fetchOffset(pc), new long[Block.ENTRY_WORDS], BlockDecoder.MAX_INSNS);
        return Int8Array.copyFromJavaArray(WasmBlockCompiler.compile(block));
    }

    /** The RAM page of the loop's code: the dispatcher table slot of its unit. */
    @JSExport
    public static int translatorPage() {
        TranslationAccess a = machine.cpu().translationAccess();
        return (int) (a.fetchOffset(machine.cpu().pc()) >>> 12);
    }

    /** The dispatcher that runs units inside WebAssembly, for this machine's RAM. */
    @JSExport
    public static Int8Array dispatcherModule() {
        return Int8Array.copyFromJavaArray(WasmDispatcher.module((int) (GuestLoopMachine.RAM_BYTES >>> 12)));
    }

    /** The interpreter's TLB array, handed to JavaScript as the Java object it is. */
    @JSExport
    public static Object tlbObject() {
        return machine.cpu().translationAccess().tlb;
    }

    @JSExport
    public static long dataKey() {
        return machine.cpu().translationAccess().dataKey();
    }

    @JSExport
    public static long fetchKey() {
        return machine.cpu().translationAccess().fetchKey();
    }

    /** The interpreter's RAM array, handed to JavaScript as the Java object it is. */
    @JSExport
    public static Object ramObject() {
        return machine.ramWords();
    }

    /** The interpreter's register array, handed to JavaScript as the Java object it is. */
    @JSExport
    public static Object registersObject() {
        return machine.registers();
    }

    // Accessors for RamAccess.ACCESSORS: one call per guest load, store and register access.

    @JSExport
    public static int load32(int word) {
        return machine.ramWords()[word];
    }

    @JSExport
    public static void store32(int word, int value) {
        machine.ramWords()[word] = value;
    }

    @JSExport
    public static long getReg(int i) {
        return i == LoopKernelModule.PC_SLOT ? machine.cpu().pc() : machine.cpu().reg(i);
    }

    @JSExport
    public static void setReg(int i, long value) {
        if (i == LoopKernelModule.PC_SLOT) {
            machine.cpu().setPc(value);
        } else {
            machine.cpu().setReg(i, value);
        }
    }

    /** t1 as a decimal string (exact; a double would round), for the checks. */
    @JSExport
    public static String t1() {
        return Long.toString(machine.cpu().reg(GuestLoop.T1));
    }

    @JSExport
    public static String bufferChecksum() {
        return Long.toString(machine.bufferChecksum());
    }

    /** Copies the RAM words into {@code target} (an Int32Array view) or back, for the typed-array forms. */
    @JSExport
    public static void copyRam(JSObject target, boolean toTarget) {
        int[] words = machine.ramWords();
        if (toTarget) {
            setWords(target, org.teavm.jso.typedarrays.Int32Array.copyFromJavaArray(words));
        } else {
            int[] copy = asInt32(target).copyToJavaArray();
            System.arraycopy(copy, 0, words, 0, Math.min(copy.length, words.length));
        }
    }

    /**
     * The same loop written in Java, compiled by TeaVM over the RAM {@code int[]}: the ceiling for
     * generated code that indexes the same array. Returns the instructions it stands for.
     */
    @JSExport
    public static double javaLoop(int budget) {
        int[] words = machine.ramWords();
        long[] x = machine.registers();
        long t1 = x[GuestLoop.T1];
        long a0 = x[GuestLoop.A0];
        long a1 = x[GuestLoop.A1];
        long s0 = x[GuestLoop.S0];
        long t0 = x[GuestLoop.T0];
        long limit = GuestLoopMachine.RAM_BYTES - 3;
        int done = 0;
        while (done < budget) {
            long offset = a0 - Ram.BASE;
            if (Long.compareUnsigned(offset, limit) >= 0 || (offset & 3) != 0) {
                break;
            }
            t0 = words[(int) (offset >>> 2)];
            t1 += t0;
            words[(int) (offset >>> 2)] = (int) t1;
            a0 += 4;
            a1--;
            done += GuestLoop.INSTRUCTIONS_PER_ITERATION;
            if (a1 == 0) {
                a0 = s0;
                a1 = GuestLoop.WORDS_PER_PASS;
                done += GuestLoop.INSTRUCTIONS_BETWEEN_PASSES;
            }
        }
        x[GuestLoop.T0] = t0;
        x[GuestLoop.T1] = t1;
        x[GuestLoop.A0] = a0;
        x[GuestLoop.A1] = a1;
        return done;
    }

    /**
     * Calls {@code block} (a JavaScript function of a budget, a generated block behind it) {@code calls}
     * times from Java with {@code budget} each: the cost of entering generated code from the interpreter.
     */
    @JSExport
    public static double callBlocks(JSObject block, int calls, int budget) {
        double total = 0;
        for (int i = 0; i < calls; i++) {
            total += callBlock(block, budget);
        }
        return total;
    }

    @JSBody(params = { "block", "budget" }, script = "return block(budget);")
    private static native int callBlock(JSObject block, int budget);

    @JSBody(params = { "target", "words" }, script = "target.set(words);")
    private static native void setWords(JSObject target, JSObject words);

    @JSBody(params = "o", script = "return o;")
    private static native org.teavm.jso.typedarrays.Int32Array asInt32(JSObject o);
}
