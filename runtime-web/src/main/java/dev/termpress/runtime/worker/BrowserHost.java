package dev.termpress.runtime.worker;

import dev.termpress.runtime.js.WorkerScope;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** The {@link SessionHost} of the worker: MessageChannel yields, setTimeout sleeps, postMessage output. */
final class BrowserHost implements SessionHost {

    private static final int NO_TIMER = -1;

    private final Runnable tick;
    private final JSObject port;
    private int timer = NO_TIMER;

    /** A host that calls {@code tick} (which runs the session and reports its failures) when asked to. */
    BrowserHost(Runnable tick) {
        this.tick = tick;
        this.port = WorkerScope.yieldPort(tick::run);
    }

    @Override
    public double nowMillis() {
        return WorkerScope.now();
    }

    @Override
    public void runSoon() {
        WorkerScope.post(port);
    }

    @Override
    public void runAfter(double millis) {
        cancelTimer();
        timer = WorkerScope.setTimeout(() -> {
            timer = NO_TIMER;
            tick.run();
        }, millis);
    }

    @Override
    public void cancelTimer() {
        if (timer != NO_TIMER) {
            WorkerScope.clearTimeout(timer);
            timer = NO_TIMER;
        }
    }

    @Override
    public void output(byte[] data) {
        WorkerScope.postOutput(Int8Array.copyFromJavaArray(data));
    }

    @Override
    public void exited(int code) {
        WorkerScope.postExit(code);
    }
}
