package dev.termpress.emulator.translate;

import java.util.ArrayDeque;
import java.util.Queue;

/** Compiles at once on the hart's thread: for a host without threads (the browser worker). */
public final class InlineCompileRunner implements CompileRunner {
    public static final InlineCompileRunner INSTANCE = new InlineCompileRunner();

    private InlineCompileRunner() {
    }

    @Override
    public void execute(Runnable job) {
        job.run();
    }

    @Override
    public <T> Queue<T> newResultQueue() {
        return new ArrayDeque<>();
    }
}
