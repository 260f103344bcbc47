package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;

/**
 * Named moments of the worker's start, in its own {@code performance.now()} time, kept in
 * {@code self.termpressMarks} (termpress-worker.js sets the first ones) and sent with every {@code stats}
 * answer together with {@code performance.timeOrigin}, so the page can put them on its own time line.
 */
public final class Marks {

    private Marks() {
    }

    /** Notes that {@code name} happened now; only its first time counts. */
    @JSBody(params = "name", script = "const m = self.termpressMarks || (self.termpressMarks = {});"
            + "if (!(name in m)) m[name] = performance.now();")
    public static native void mark(String name);

    /**
     * Answers a {@code stats} request: the guest counters, the marks, and where the time between slices
     * went up to the guest's latest output (docs/architecture.md, message table).
     */
    @JSBody(params = { "instructions", "busyMillis", "spanMillis", "slices", "sliceMillis", "yieldMillis",
        "sleepMillis", "lateMillis", "fetchMillis", "idleMillis" },
            script = "self.postMessage({ type: 'stats', instructions: instructions, busyMillis: busyMillis,"
            + " timeOrigin: performance.timeOrigin, marks: self.termpressMarks || {},"
            + " ledger: { spanMillis: spanMillis, slices: slices, sliceMillis: sliceMillis, yieldMillis: yieldMillis,"
            + " sleepMillis: sleepMillis, lateMillis: lateMillis, fetchMillis: fetchMillis,"
            + " idleMillis: idleMillis } });")
    public static native void postStats(double instructions, double busyMillis, double spanMillis, int slices,
            double sliceMillis, double yieldMillis, double sleepMillis, double lateMillis, double fetchMillis,
            double idleMillis);
}
