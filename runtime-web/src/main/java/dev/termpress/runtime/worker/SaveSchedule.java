package dev.termpress.runtime.worker;

/**
 * When a block that keeps the reader's files saves them: a while after the guest stopped changing files
 * ({@link #QUIET_MILLIS}), not more often than every {@link #MIN_INTERVAL_MILLIS}, and at the latest
 * {@link #MAX_WAIT_MILLIS} after the first unsaved change, so a guest that never stops writing is still saved.
 * Pure bookkeeping over the filesystem's change counter and a clock, so the worker's timer and the JVM tests
 * share it.
 */
final class SaveSchedule {

    static final double QUIET_MILLIS = 2_000;
    static final double MIN_INTERVAL_MILLIS = 10_000;
    static final double MAX_WAIT_MILLIS = 30_000;

    private long savedCount;
    private long seenCount;
    private double lastChangeAt;
    private double firstUnsavedAt;
    private double lastSaveAt = Double.NEGATIVE_INFINITY;

    /** A schedule whose files are saved (or pristine) at change count {@code baseline}. */
    SaveSchedule(long baseline) {
        savedCount = baseline;
        seenCount = baseline;
    }

    /**
     * The change count after a slice of the guest; the time the next save is due, or -1 when everything
     * is saved.
     */
    double observe(long changeCount, double now) {
        if (changeCount != seenCount) {
            if (seenCount == savedCount) {
                firstUnsavedAt = now;
            }
            seenCount = changeCount;
            lastChangeAt = now;
        }
        return dueAt();
    }

    /** When the next save is due, or -1 when nothing is unsaved. */
    double dueAt() {
        if (!unsaved()) {
            return -1;
        }
        double settled = Math.max(lastChangeAt + QUIET_MILLIS, lastSaveAt + MIN_INTERVAL_MILLIS);
        return Math.min(settled, Math.max(firstUnsavedAt + MAX_WAIT_MILLIS, lastSaveAt + MIN_INTERVAL_MILLIS));
    }

    /** Whether a save is due at {@code now}. */
    boolean due(double now) {
        double at = dueAt();
        return at >= 0 && now >= at;
    }

    /** Whether the guest changed files since the last save. */
    boolean unsaved() {
        return seenCount != savedCount;
    }

    /** The files were saved at change count {@code changeCount}. */
    void saved(long changeCount, double now) {
        savedCount = changeCount;
        seenCount = changeCount;
        lastSaveAt = now;
    }
}
