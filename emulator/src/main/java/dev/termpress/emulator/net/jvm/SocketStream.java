package dev.termpress.emulator.net.jvm;

import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.StreamListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One guest connection's host socket. The machine's thread calls the {@link HostStream} methods (they
 * only queue work); the selector thread does the I/O and reports through {@link SocketBackend#deliver}.
 */
final class SocketStream implements HostStream {

    private final SocketBackend backend;
    private final StreamListener listener;
    private final ConcurrentLinkedQueue<ByteBuffer> outgoing = new ConcurrentLinkedQueue<>();
    /** Bytes written by the guest not yet taken by the socket. */
    private final AtomicInteger pendingWrite = new AtomicInteger();
    /** Bytes read and delivered as events the machine has not polled yet. */
    private final AtomicInteger readAhead = new AtomicInteger();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(SocketBackend.READ_CHUNK);
    private volatile boolean paused;
    private volatile boolean outputShutdownWanted;
    /** Set by {@link #close} (machine thread): no more listener calls. */
    private volatile boolean closedByStack;
    // Selector thread only:
    private SocketChannel channel;
    private SelectionKey key;
    private List<SocketStream> registry;
    private boolean connected;
    private boolean outputShut;
    private boolean inputEnded;
    private boolean broken;

    SocketStream(SocketBackend backend, StreamListener listener) {
        this.backend = backend;
        this.listener = listener;
    }

    // ---- machine thread ----

    @Override
    public void write(byte[] data, int offset, int length) {
        if (length <= 0 || closedByStack) {
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        pendingWrite.addAndGet(length);
        outgoing.add(ByteBuffer.wrap(copy));
        backend.onIoThread(this::updateInterest);
    }

    @Override
    public int pendingWrite() {
        return pendingWrite.get();
    }

    @Override
    public void pauseReading(boolean pause) {
        paused = pause;
        backend.onIoThread(this::updateInterest);
    }

    @Override
    public void shutdownOutput() {
        outputShutdownWanted = true;
        backend.onIoThread(this::updateInterest);
    }

    @Override
    public void close() {
        closedByStack = true;
        backend.onIoThread(this::closeChannel);
    }

    // ---- selector thread ----

    void start(Selector selector, InetSocketAddress target, List<SocketStream> streams) {
        if (closedByStack) {
            return;
        }
        registry = streams;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            streams.add(this);
            if (channel.connect(target)) {
                key = channel.register(selector, 0, this);
                becomeConnected();
            } else {
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            breakOff(describe(e));
        }
    }

    void ready(SelectionKey readyKey) {
        if (broken || !readyKey.isValid()) {
            return;
        }
        try {
            if (readyKey.isConnectable()) {
                if (channel.finishConnect()) {
                    becomeConnected();
                }
                return;
            }
            if (readyKey.isWritable()) {
                flush();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                read();
            }
            updateInterest();
        } catch (IOException | RuntimeException e) {
            breakOff(describe(e));
        }
    }

    private void becomeConnected() {
        connected = true;
        event(listener::connected);
        updateInterest();
    }

    private void read() throws IOException {
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
            inputEnded = true;
            event(listener::endOfStream);
        } else if (n > 0) {
            byte[] data = java.util.Arrays.copyOf(readBuffer.array(), n);
            readAhead.addAndGet(n);
            event(() -> {
                readAhead.addAndGet(-n);
                listener.received(data, 0, n);
                backend.onIoThread(this::updateInterest); // room for more read-ahead
            });
        }
    }

    private void flush() throws IOException {
        int written = 0;
        ByteBuffer buffer;
        while ((buffer = outgoing.peek()) != null) {
            written += channel.write(buffer);
            if (buffer.hasRemaining()) {
                break;
            }
            outgoing.poll();
        }
        if (written > 0) {
            pendingWrite.addAndGet(-written);
            event(listener::drained);
        }
        if (outgoing.isEmpty() && outputShutdownWanted && !outputShut) {
            outputShut = true;
            channel.shutdownOutput();
        }
    }

    /** Sets the interest set from the stream's state (selector thread). */
    void updateInterest() {
        if (broken || key == null || !key.isValid() || !connected) {
            return;
        }
        try {
            if (!outgoing.isEmpty() || (outputShutdownWanted && !outputShut)) {
                flush();
            }
            int ops = 0;
            if (!outgoing.isEmpty()) {
                ops |= SelectionKey.OP_WRITE;
            }
            if (!inputEnded && !paused && readAhead.get() < SocketBackend.READ_AHEAD) {
                ops |= SelectionKey.OP_READ;
            }
            key.interestOps(ops);
        } catch (IOException | RuntimeException e) {
            breakOff(describe(e));
        }
    }

    /** The connection failed: tell the stack once, and close. */
    void breakOff(String reason) {
        if (broken) {
            return;
        }
        broken = true;
        event(() -> listener.failed(reason));
        closeChannel();
    }

    private void closeChannel() {
        broken = true;
        if (registry != null) {
            registry.remove(this);
        }
        if (channel != null) {
            try {
                channel.close(); // also cancels the key
            } catch (IOException e) {
                // Closed anyway.
            }
        }
    }

    private void event(Runnable call) {
        backend.deliver(() -> {
            if (!closedByStack) {
                call.run();
            }
        });
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
