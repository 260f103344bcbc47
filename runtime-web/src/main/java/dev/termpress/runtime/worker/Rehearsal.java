package dev.termpress.runtime.worker;

import dev.termpress.runtime.boot.BlockOptions;
import java.util.function.BooleanSupplier;

/**
 * A throwaway run of a prewarmed image, from its boot snapshot to the shell's first prompt, in a machine of
 * its own that is dropped afterwards; the reader's machine is resumed from the same snapshot once it ends.
 * Two costs a resumed Run would otherwise pay after the click are paid here, while the reader scrolls:
 * the browser compiles the emulator's hot code (a fresh worker runs its first few million guest
 * instructions at a third of its later speed, docs/benchmarks.md), and the layer spans the shell reads on
 * its way to the prompt are fetched into the layer source both machines share (half a second for Debian).
 *
 * <p>It ends when the guest has printed something and then waits (no slice asked for, no layer bytes
 * awaited): the shell's prompt; or at {@link #MAX_INSTRUCTIONS} or {@link #MAX_MILLIS}, or when the guest
 * exits, or when {@link #cancel} is called (the reader clicked). Its output is never shown.
 */
final class Rehearsal implements SessionHost {

    /** Far beyond what busybox (3 M) or Debian's bash need to reach a prompt after the resume. */
    static final long MAX_INSTRUCTIONS = 60_000_000L;
    /** A guest that has not reached its prompt by then is left alone: the reader's machine waits no longer. */
    static final double MAX_MILLIS = 3000;
    /** The terminal size the rehearsal's shell is given (the reader's comes with the click). */
    private static final int COLS = 80;
    private static final int ROWS = 24;

    private final SessionHost scheduler;
    private final BooleanSupplier readsWaiting;
    private final Runnable finished;
    private Session session;
    private double startMillis;
    private boolean printed;
    private boolean sliceAsked;
    /** Why it ended ("prompt", "limit", "exit", "cancelled"), or null while it runs. */
    private String ending;

    /**
     * @param scheduler calls {@link #tick} when asked to and tells the time (its output is not used)
     * @param readsWaiting whether guest reads wait on layer bytes being fetched
     * @param finished called once, when the rehearsal is over for whatever reason
     */
    Rehearsal(SessionHost scheduler, BooleanSupplier readsWaiting, Runnable finished) {
        this.scheduler = scheduler;
        this.readsWaiting = readsWaiting;
        this.finished = finished;
    }

    /**
     * Runs {@code resumed} (built with this rehearsal as its host, resumed from the boot snapshot and not yet
     * configured) with the image's own settings and {@code shape}'s writable layer.
     */
    void begin(Session resumed, BlockOptions shape) {
        session = resumed;
        startMillis = scheduler.nowMillis();
        session.configure(shape, COLS, ROWS); // asks for its first slice
    }

    /** One slice of the rehearsal's guest, then a look at whether it is over. */
    void tick() {
        if (ending != null) {
            return;
        }
        sliceAsked = false;
        session.tick();
        if (ending != null) {
            return; // the guest exited
        }
        if (printed && !sliceAsked && !readsWaiting.getAsBoolean()) {
            end("prompt");
        } else if (session.instructions() >= MAX_INSTRUCTIONS || scheduler.nowMillis() - startMillis >= MAX_MILLIS) {
            end("limit");
        }
    }

    /** Layer bytes arrived: the guest may go on. */
    void wake() {
        if (ending == null && session != null) {
            session.wake();
        }
    }

    /** Ends the rehearsal now (the reader clicked, or the page stops the worker). */
    void cancel() {
        end("cancelled");
    }

    /** Whether it has ended. */
    boolean over() {
        return ending != null;
    }

    /** Why it ended: "prompt", "limit" (instructions or time), "exit" or "cancelled"; null while it runs. */
    String ending() {
        return ending;
    }

    /** Guest instructions the rehearsal ran. */
    long instructions() {
        return session == null ? 0 : session.instructions();
    }

    private void end(String why) {
        if (ending != null) {
            return;
        }
        ending = why;
        if (session != null) {
            session.stop();
        }
        scheduler.cancelTimer();
        finished.run();
    }

    @Override
    public double nowMillis() {
        return scheduler.nowMillis();
    }

    @Override
    public void runSoon() {
        sliceAsked = true;
        if (ending == null) {
            scheduler.runSoon();
        }
    }

    @Override
    public void runAfter(double millis) {
        if (ending == null) {
            scheduler.runAfter(millis);
        }
    }

    @Override
    public void cancelTimer() {
        scheduler.cancelTimer();
    }

    @Override
    public boolean output(byte[] data) {
        printed = true;
        return true; // nobody sees it, so nothing is waited for
    }

    @Override
    public boolean readsWaiting() {
        return readsWaiting.getAsBoolean();
    }

    @Override
    public boolean seenByReader() {
        return false; // its prompt fetches no second part: a reader who never clicks never needs it
    }

    @Override
    public void exited(int code) {
        end("exit");
    }
}
