package dev.termpress.runtime.jit;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.cpu.AcceleratorFactory;
import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.InlineCompileRunner;
import dev.termpress.emulator.translate.Translator;
import dev.termpress.emulator.translate.TranslatorThresholds;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The worker's translator: the shared front end ({@link Translator}, production mode, compiling on
 * the worker's thread between slices) over {@link WasmUnits}. Off by default; the page turns it on
 * (docs/site/content/machine.md).
 */
public final class WasmTranslation {

    /**
     * The worker's thresholds, found by measurement (docs/benchmarks.md, "Worker thresholds and entries at
     * any instruction"): each module is written on the worker's only thread, V8 compiles it on the same
     * two cores, and every unit entry is a JavaScript hop, so only pages that stay hot are worth a unit:
     * 16,384 arrivals counted by the interpreter, then 1,024 looks (the JVM: 256 and 64).
     */
    public static final TranslatorThresholds WORKER = new TranslatorThresholds(16384, 1024, 1024, 16);

    private WasmTranslation() {
    }

    /**
     * A factory that installs the translator on every new hart; {@code workerModule} is this worker's
     * own module (its type section names TeaVM's array types). Fails with a clear message when the
     * module does not have the layout the back end was written for: the caller keeps the interpreter.
     */
    public static AcceleratorFactory factory(byte[] workerModule, boolean lockstep, TranslatorThresholds thresholds) {
        byte[] unwrap = TeaVmArrayTypes.of(workerModule).unwrapModule();
        return cpu -> {
            TranslationAccess access = cpu.translationAccess();
            WasmUnits units = new WasmUnits(access, (int) (cpu.ram().size() >>> 12), unwrap);
            Translator t = Translator.install(cpu, units, lockstep, InlineCompileRunner.INSTANCE, thresholds);
            publish(() -> "compiled=" + t.compiledBlocks() + " runs=" + t.blockRuns() + " translated="
                    + t.translatedInstructions() + " dropped=" + t.droppedBlocks() + " lockstepChecked="
                    + t.lockstepChecked() + " reused=" + t.reusedBlocks() + " " + diagnostics(t.diagnostics())
                    + " " + units.counters());
        };
    }

    /**
     * Installs the translator on every machine the worker builds when the bootstrap was asked for it
     * ({@code translate=on} or {@code translate=lockstep} in the worker's query: it then hands over the
     * module's bytes as {@code self.termpressTranslate}); returns what it did, for the console.
     */
    public static String installFromBootstrap() {
        String mode = bootstrapMode();
        if (mode == null) {
            return "interpreter";
        }
        Int8Array module = bootstrapModule();
        if (module == null) {
            return "interpreter (the bootstrap could not read the module's bytes)";
        }
        try {
            TranslatorThresholds thresholds = thresholds(bootstrapThresholds());
            Machine.setAcceleratorFactory(factory(module.copyToJavaArray(), "lockstep".equals(mode), thresholds));
            return "translator" + ("lockstep".equals(mode) ? " (lockstep)" : "") + " " + thresholds;
        } catch (RuntimeException e) {
            return "interpreter (" + e.getMessage() + ")";
        }
    }

    /** {@code "cold,hot,chunk,minRun"} from the page (measurements), or {@link #WORKER} without one. */
    static TranslatorThresholds thresholds(String text) {
        if (text == null || text.isEmpty()) {
            return WORKER;
        }
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("thresholds are cold,hot,chunk,minRun: " + text);
        }
        return new TranslatorThresholds(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
    }

    private static String diagnostics(long[] d) {
        return "interpretedUnmapped=" + d[0] + " interpretedBesideUnit=" + d[1] + " interpretedCold=" + d[2]
                + " cacheMisses=" + d[3] + " givenUp=" + d[4] + " demotions=" + d[5];
    }

    @JSBody(script = "var t = self.termpressTranslate; return t && (t.mode === 'on' || t.mode === 'lockstep') ? t.mode : null;")
    private static native String bootstrapMode();

    @JSBody(script = "var t = self.termpressTranslate; return t && t.thresholds ? t.thresholds : null;")
    private static native String bootstrapThresholds();

    @JSBody(script = "var t = self.termpressTranslate; return t && t.module ? t.module : null;")
    private static native Int8Array bootstrapModule();

    /** The translator's counters as text, for the console and tests ({@code self.termpressTranslator()}). */
    @JSFunctor
    interface Counters extends JSObject {
        String read();
    }

    @JSBody(params = "counters", script = "self.termpressTranslator = counters;")
    private static native void publish(Counters counters);
}
