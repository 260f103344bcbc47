package dev.termpress.emulator.translate;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One compiler thread for the process (the JVM): HotSpot's own compiler threads share the cores too. */
public final class CompilerThread implements CompileRunner {
    public static final CompilerThread INSTANCE = new CompilerThread();

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "termpress-translator");
        t.setDaemon(true);
        return t;
    });

    private CompilerThread() {
    }

    @Override
    public void execute(Runnable job) {
        executor.execute(job);
    }

    @Override
    public <T> Queue<T> newResultQueue() {
        return new ConcurrentLinkedQueue<>();
    }
}
