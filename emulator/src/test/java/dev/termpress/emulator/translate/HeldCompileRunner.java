package dev.termpress.emulator.translate;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A compile runner for tests that stands in for the compiler thread deterministically: jobs wait
 * until the test runs them ({@link #runAll}), so a test decides exactly when a compilation
 * finishes relative to the hart.
 */
final class HeldCompileRunner implements CompileRunner {

    private final Queue<Runnable> jobs = new ArrayDeque<>();

    @Override
    public void execute(Runnable job) {
        jobs.add(job);
    }

    @Override
    public <T> Queue<T> newResultQueue() {
        return new ArrayDeque<>();
    }

    /** Jobs waiting. */
    int held() {
        return jobs.size();
    }

    /** Runs the jobs waiting (as the compiler thread would, later), in order. */
    void runAll() {
        for (Runnable job = jobs.poll(); job != null; job = jobs.poll()) {
            job.run();
        }
    }
}
