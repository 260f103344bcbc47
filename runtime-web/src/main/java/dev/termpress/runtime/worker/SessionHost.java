package dev.termpress.runtime.worker;

/**
 * What a {@link Session} needs from the place it runs: time, a way to be called again, and somewhere to
 * send what the guest prints. The worker implements it with browser APIs; tests with a fake.
 */
public interface SessionHost {

    /** A monotonic clock in milliseconds (fractions allowed). */
    double nowMillis();

    /** Calls {@link Session#tick} again as soon as the event loop has handled what is waiting. */
    void runSoon();

    /** Calls {@link Session#tick} after {@code millis}, replacing an earlier such request. */
    void runAfter(double millis);

    /** Drops the request of {@link #runAfter}, if any. */
    void cancelTimer();

    /**
     * Guest console output, in order; {@code data} may be kept. Returns whether it is shown already;
     * false means the page confirms it later through {@link Session#outputShown}, and the session
     * pauses the guest while {@link Session#MAX_OUTPUTS_UNSHOWN} outputs wait for that.
     */
    boolean output(byte[] data);

    /**
     * The guest powered off (or reset, which the runtime treats as the end); {@code code} is the
     * program's exit status when init recorded one, else the machine's (0 clean, non-zero failed).
     */
    void exited(int code);

    /**
     * Whether guest reads wait on bytes being fetched (layer spans, a snapshot's second part): an idle guest
     * is then not at its prompt yet. None by default.
     */
    default boolean readsWaiting() {
        return false;
    }

    /**
     * Whether a reader sees what the guest prints (a prewarm's rehearsal is seen by nobody): only a prompt
     * shown to a reader starts fetching a split snapshot's second part.
     */
    default boolean seenByReader() {
        return true;
    }
}
