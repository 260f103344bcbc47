package dev.termpress.runtime.worker;

import dev.termpress.runtime.js.Marks;
import dev.termpress.runtime.js.WorkerScope;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The {@link SessionHost} of the worker: MessageChannel yields, setTimeout sleeps, postMessage output.
 * It also keeps the {@link TickLedger} of where the time between slices goes.
 */
final class BrowserHost implements SessionHost {

    private static final int NO_TIMER = -1;

    private final Runnable tick;
    private final BooleanSupplier fetching;
    private final JSObject port;
    private final TickLedger ledger = new TickLedger();
    private TickLedger.Figures atLastOutput = TickLedger.Figures.NONE;
    private boolean printedThisSlice;
    private int timer = NO_TIMER;

    /**
     * A host that calls {@code tick} (which runs the session and reports its failures) when asked to;
     * {@code fetching} tells whether guest reads wait on layer bytes (for the ledger).
     */
    BrowserHost(Runnable tick, BooleanSupplier fetching) {
        this.tick = tick;
        this.fetching = fetching;
        this.port = WorkerScope.yieldPort(this::timedTick);
    }

    private void timedTick() {
        double start = WorkerScope.now();
        ledger.sliceStarted(start);
        tick.run();
        double end = WorkerScope.now();
        ledger.sliceEnded(end, end - start);
        if (printedThisSlice) {
            printedThisSlice = false;
            atLastOutput = ledger.figures(end);
        }
    }

    @Override
    public double nowMillis() {
        return WorkerScope.now();
    }

    @Override
    public void runSoon() {
        ledger.soon(WorkerScope.now());
        WorkerScope.post(port);
    }

    @Override
    public void runAfter(double millis) {
        cancelTimer();
        ledger.sleep(millis, fetching.getAsBoolean());
        timer = WorkerScope.setTimeout(() -> {
            timer = NO_TIMER;
            timedTick();
        }, millis);
    }

    @Override
    public void cancelTimer() {
        ledger.idle(fetching.getAsBoolean());
        if (timer != NO_TIMER) {
            WorkerScope.clearTimeout(timer);
            timer = NO_TIMER;
        }
    }

    @Override
    public boolean output(byte[] data) {
        Marks.mark("firstOutput");
        printedThisSlice = true;
        WorkerScope.postOutput(Int8Array.copyFromJavaArray(data));
        return false; // the page answers "shown" once xterm.js has drawn it
    }

    @Override
    public void exited(int code) {
        WorkerScope.postExit(code);
    }

    @Override
    public boolean readsWaiting() {
        return fetching.getAsBoolean();
    }

    /** The ledger after the slice in which the guest last printed (the prompt, when asked right after it). */
    TickLedger.Figures atLastOutput() {
        return atLastOutput;
    }
}
