package dev.termpress.emulator.translate;

import java.util.Queue;

/**
 * Where a {@link Translator} in production mode runs its compilations: on a thread of its own
 * ({@link CompilerThread}, the JVM) or at once on the hart's thread ({@link InlineCompileRunner}, the
 * browser worker, between two slices). Kept out of {@code Translator} so that a host without threads
 * (TeaVM's class library has no executors or concurrent queues) never reaches them.
 */
public interface CompileRunner {

    /** Runs {@code job}, now or later, on this runner's thread. */
    void execute(Runnable job);

    /** A queue that jobs add their results to and the hart's thread polls (safe across the two threads). */
    <T> Queue<T> newResultQueue();
}
