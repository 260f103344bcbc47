package dev.termpress.runtime.worker;

import dev.termpress.emulator.snapshot.SavedWork;
import dev.termpress.runtime.js.WorkerScope;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Keeps the reader's files of a block with {@code persist}: after the guest changed files ({@link SaveSchedule})
 * and when the page asks (it is being hidden), wraps {@link Session#saveFiles} as {@link SavedWork} on top of
 * the boot snapshot the machine resumed from and posts it to the page, which stores it.
 */
final class WorkKeeper {

    private static final int NO_TIMER = -1;

    private final Session session;
    private final String base;
    private SaveSchedule schedule;
    private int timer = NO_TIMER;

    /** Keeps {@code session}'s files, resumed from the snapshot whose sha256 is {@code base}; saved as of now. */
    WorkKeeper(Session session, String base) {
        this.session = session;
        this.base = base;
        this.schedule = new SaveSchedule(session.fileSystem().changeCount());
    }

    /** After a slice of the guest: a timer for the next save if files changed. */
    void afterSlice() {
        if (!session.handedOver()) {
            // init writes its settings (init.conf, hostname) on every start: not the reader's work
            schedule = new SaveSchedule(session.fileSystem().changeCount());
            return;
        }
        double due = schedule.observe(session.fileSystem().changeCount(), WorkerScope.now());
        if (due >= 0 && timer == NO_TIMER && !session.finished()) {
            timer = WorkerScope.setTimeout(this::onTimer, Math.max(0, due - WorkerScope.now()));
        }
    }

    /** The page is being hidden or closed: save now what is unsaved. */
    void saveNow() {
        schedule.observe(session.fileSystem().changeCount(), WorkerScope.now());
        if (schedule.unsaved()) {
            save();
        }
    }

    private void onTimer() {
        timer = NO_TIMER;
        if (session.finished()) {
            return;
        }
        if (schedule.due(WorkerScope.now())) {
            save();
        } else {
            afterSlice(); // a later change moved the due time: wait again
        }
    }

    private void save() {
        long count = session.fileSystem().changeCount();
        byte[] work = SavedWork.wrap(base, session.saveFiles());
        schedule.saved(count, WorkerScope.now());
        WorkerScope.postSavedWork(Int8Array.copyFromJavaArray(work));
    }
}
