package dev.termpress.emulator.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A backend whose streams and answers the test drives by hand; events run at the next poll, as a real backend's. */
final class FakeBackend implements NetworkBackend {

    /** One stream the stack opened. */
    static final class Stream implements HostStream {
        final byte[] address;
        final int port;
        final StreamListener listener;
        final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        int pending;
        boolean paused;
        boolean shutdown;
        boolean closed;

        Stream(byte[] address, int port, StreamListener listener) {
            this.address = address;
            this.port = port;
            this.listener = listener;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            written.write(data, offset, length);
            pending += length;
        }

        @Override
        public int pendingWrite() {
            return pending;
        }

        @Override
        public void pauseReading(boolean pause) {
            paused = pause;
        }

        @Override
        public void shutdownOutput() {
            shutdown = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Stream> streams = new ArrayList<>();
    final List<String> lookups = new ArrayList<>();
    final List<NameListener> nameListeners = new ArrayList<>();
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();

    void later(Runnable event) {
        events.add(event);
    }

    @Override
    public HostStream connect(byte[] address, int port, StreamListener listener) {
        Stream stream = new Stream(address, port, listener);
        streams.add(stream);
        return stream;
    }

    @Override
    public void resolve(String name, NameListener listener) {
        lookups.add(name);
        nameListeners.add(listener);
    }

    @Override
    public int poll() {
        int n = 0;
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
            n++;
        }
        return n;
    }

    @Override
    public boolean await(long nanos) {
        return !events.isEmpty();
    }

    @Override
    public void onEvent(Runnable wakeUp) {
    }

    @Override
    public void close() {
    }
}
