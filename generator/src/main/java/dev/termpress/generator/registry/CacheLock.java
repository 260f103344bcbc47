package dev.termpress.generator.registry;

import dev.termpress.generator.image.ImageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time for one digest of the blob cache, across threads and processes: a lock file
 * {@code locks/<hex>} held with an OS file lock (processes), taken after a lock of this JVM for the same
 * file (file locks belong to the whole JVM, so threads need their own). Two builds pulling one blob thus
 * never write the same {@code .part} file: the second waits, then finds the blob cached. Lock files stay
 * in place: deleting one while another process waits on it would let a third take a different file.
 */
final class CacheLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until this caller alone holds {@code file}. */
    static CacheLock acquire(Path file) throws ImageException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        threads.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new CacheLock(threads, channel, channel.lock());
        } catch (IOException e) {
            close(channel);
            threads.unlock();
            throw new ImageException(key + ": cannot lock the blob cache: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it as well.
        } finally {
            close(channel);
            threads.unlock();
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was written through it.
            }
        }
    }
}
