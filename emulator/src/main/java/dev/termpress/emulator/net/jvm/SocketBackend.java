package dev.termpress.emulator.net.jvm;

import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.NetworkBackend;
import dev.termpress.emulator.net.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Host sockets for the guest. One daemon thread owns a {@link Selector} and every channel: connects are
 * non-blocking, reads stop while a stream is paused or has {@link #READ_AHEAD} bytes delivered but not
 * yet polled, and what happened becomes a queue of listener calls that {@link #poll} runs on the
 * machine's thread. Names are looked up with {@link InetAddress#getAllByName} on a second daemon
 * thread, since that call blocks. No listening socket is ever opened.
 */
public final class SocketBackend implements NetworkBackend {

    /** Bytes read from one socket and not yet handed to the guest's stack, at most. */
    static final int READ_AHEAD = 64 * 1024;
    static final int READ_CHUNK = 16 * 1024;

    private final Selector selector;
    private final Thread ioThread;
    private final ExecutorService resolver;
    private final Function<String, InetAddress[]> lookup;
    /** Work for the selector thread (register, interest changes, close), run before each select. */
    private final ConcurrentLinkedQueue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    /** Listener calls for the machine's thread. */
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Semaphore ready = new Semaphore(0);
    private final List<SocketStream> streams = new ArrayList<>(); // selector thread only
    private volatile Runnable wakeUp = () -> { };
    private volatile boolean closed;

    /** A backend using the host's resolver. */
    public SocketBackend() {
        this(name -> {
            try {
                return InetAddress.getAllByName(name);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        });
    }

    /** A backend with its own name lookup (tests: a name table); an empty array means "no such name". */
    public SocketBackend(Function<String, InetAddress[]> lookup) {
        this.lookup = lookup;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the guest's network", e);
        }
        this.resolver = Executors.newSingleThreadExecutor(daemon("termpress-net-resolver"));
        this.ioThread = daemon("termpress-net").newThread(this::loop);
        ioThread.start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public HostStream connect(byte[] address, int port, StreamListener listener) {
        SocketStream stream = new SocketStream(this, listener);
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            deliver(() -> listener.failed("bad address"));
            return stream;
        }
        onIoThread(() -> stream.start(selector, target, streams));
        return stream;
    }

    @Override
    public void resolve(String name, NameListener listener) {
        try {
            resolver.execute(() -> {
                InetAddress[] found;
                try {
                    found = lookup.apply(name);
                } catch (RuntimeException e) {
                    deliver(listener::failed);
                    return;
                }
                List<byte[]> ipv4 = new ArrayList<>();
                for (InetAddress address : found) {
                    if (address instanceof Inet4Address) {
                        ipv4.add(address.getAddress());
                    }
                }
                if (found.length == 0) {
                    deliver(listener::notFound);
                } else {
                    deliver(() -> listener.found(ipv4));
                }
            });
        } catch (RejectedExecutionException e) {
            deliver(listener::failed); // closed
        }
    }

    @Override
    public int poll() {
        int ran = 0;
        Runnable event;
        while ((event = events.poll()) != null) {
            ready.tryAcquire();
            event.run();
            ran++;
        }
        return ran;
    }

    @Override
    public boolean await(long nanos) throws InterruptedException {
        if (!events.isEmpty()) {
            return true;
        }
        if (ready.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            ready.release(); // poll() takes the permits
            return true;
        }
        return false;
    }

    @Override
    public void onEvent(Runnable wakeUpCall) {
        this.wakeUp = wakeUpCall;
    }

    @Override
    public void close() {
        closed = true;
        resolver.shutdownNow();
        selector.wakeup();
    }

    /** Queues a listener call for the machine's thread and wakes whoever waits for one. */
    void deliver(Runnable event) {
        events.add(event);
        ready.release();
        wakeUp.run();
    }

    /** Queues work for the selector thread. */
    void onIoThread(Runnable task) {
        ioTasks.add(task);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (!closed) {
                Runnable task;
                while ((task = ioTasks.poll()) != null) {
                    task.run();
                }
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    ((SocketStream) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // The selector itself failed: every stream breaks below.
        } finally {
            for (SocketStream stream : new ArrayList<>(streams)) {
                stream.breakOff("the host's network stopped");
            }
            try {
                selector.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
