package dev.termpress.runtime.worker;

/**
 * Where the worker's time goes once the machine exists: every millisecond from the first request to run
 * the session lands in exactly one bucket, so the benchmark can show that slices plus waits add up to the
 * wall time. Pure Java with the times passed in, so the JVM tests can drive it.
 *
 * <p>The host tells it what the session asked for at the end of each slice ({@link #soon}, {@link #sleep},
 * {@link #idle}) and when a slice starts and ends; a wait is charged to its kind when the next slice
 * starts (or when something from outside, such as arriving bytes, cuts it short and asks for a slice).
 */
final class TickLedger {

    /** What the worker waits for between two slices. */
    enum Wait {
        /** A {@code MessageChannel} yield: the event loop's own latency (messages, fetch callbacks). */
        YIELD,
        /** The idle guest's next timer: the guest's own sleep (kernel delays, timer ticks). */
        SLEEP,
        /** The guest waits for layer bytes the filesystem asked for (reads waiting on a fetch). */
        FETCH,
        /** The guest waits with no timer armed and no fetch pending: only input can wake it. */
        IDLE
    }

    private final double[] waited = new double[Wait.values().length];
    private double lateMillis;
    private double sliceMillis;
    private int slices;
    private boolean inSlice;
    private Wait next;
    private double nextSleepMillis;
    private Wait current;
    private double currentSince;
    private double currentSleepMillis;
    private double firstEvent = Double.NaN;

    /** The session asks to run again as soon as the event loop allows. */
    void soon(double now) {
        begin(now);
        if (inSlice) {
            next = Wait.YIELD;
        } else if (current != Wait.YIELD) {
            switchTo(Wait.YIELD, 0, now); // outside a slice: input or bytes arrived, the wait so far is over
        }
    }

    /** The idle session asks to run after {@code millis}; {@code fetching} when reads wait on a fetch. */
    void sleep(double millis, boolean fetching) {
        next = fetching ? Wait.FETCH : Wait.SLEEP;
        nextSleepMillis = millis;
    }

    /** The idle session waits for something from outside; {@code fetching} when reads wait on a fetch. */
    void idle(boolean fetching) {
        next = fetching ? Wait.FETCH : Wait.IDLE;
        nextSleepMillis = 0;
    }

    /** A slice starts: the wait before it ends. */
    void sliceStarted(double now) {
        begin(now);
        if (current != null) {
            charge(now);
            current = null;
        }
        inSlice = true;
        next = null;
    }

    /** A slice ended at {@code now}, {@code busyMillis} after it started; the wait it asked for begins. */
    void sliceEnded(double now, double busyMillis) {
        inSlice = false;
        slices++;
        sliceMillis += busyMillis;
        if (next != null) {
            switchTo(next, nextSleepMillis, now);
        }
    }

    private void begin(double now) {
        if (Double.isNaN(firstEvent)) {
            firstEvent = now;
        }
    }

    private void switchTo(Wait kind, double sleepMillis, double now) {
        if (current != null) {
            charge(now);
        }
        current = kind;
        currentSince = now;
        currentSleepMillis = sleepMillis;
    }

    private void charge(double now) {
        double elapsed = Math.max(0, now - currentSince);
        if (current == Wait.SLEEP && elapsed > currentSleepMillis) {
            // The timer fired later than asked: the browser's timer resolution and a busy event loop.
            lateMillis += elapsed - currentSleepMillis;
            elapsed = currentSleepMillis;
        }
        waited[current.ordinal()] += elapsed;
    }

    /**
     * The ledger at {@code now}, between slices (e.g. after the slice that printed): the finished slices
     * and waits, and the time since the first request to run, which they add up to.
     */
    Figures figures(double now) {
        return new Figures(Double.isNaN(firstEvent) ? 0 : now - firstEvent, slices, sliceMillis,
                waited[Wait.YIELD.ordinal()], waited[Wait.SLEEP.ordinal()], lateMillis, waited[Wait.FETCH.ordinal()],
                waited[Wait.IDLE.ordinal()]);
    }

    /** The ledger's sums, in milliseconds (docs/architecture.md, the stats message). */
    record Figures(double spanMillis, int slices, double sliceMillis, double yieldMillis, double sleepMillis,
            double lateMillis, double fetchMillis, double idleMillis) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0);
    }

    int slices() {
        return slices;
    }

    double sliceMillis() {
        return sliceMillis;
    }

    /** Milliseconds spent in finished waits of {@code kind} (for {@link Wait#SLEEP}, up to the time asked for). */
    double waitedMillis(Wait kind) {
        return waited[kind.ordinal()];
    }

    /** Milliseconds by which sleep timers fired after the time asked for. */
    double lateMillis() {
        return lateMillis;
    }
}
