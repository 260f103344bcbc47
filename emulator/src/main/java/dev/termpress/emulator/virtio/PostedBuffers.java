package dev.termpress.emulator.virtio;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.util.ArrayDeque;

/**
 * The receive buffers a driver posted on one queue and the device has not filled yet, oldest first, as a
 * snapshot saves them (the live heads) and a restore reclaims them from the transport.
 */
final class PostedBuffers {

    private final ArrayDeque<VirtioRequest> buffers = new ArrayDeque<>();
    private final int queue;
    private final int capacity;
    private final String device;

    /**
     * @param queue the receive queue's index
     * @param capacity the queue's size: more posted buffers than the ring holds means reposted heads
     * @param device the device's name, for snapshot errors
     */
    PostedBuffers(int queue, int capacity, String device) {
        this.queue = queue;
        this.capacity = capacity;
        this.device = device;
    }

    /**
     * Keeps a buffer the driver posted. A driver reposting heads gets the oldest back, empty, rather than
     * letting a misbehaving guest grow host memory without bound.
     */
    void post(VirtioRequest request) {
        if (buffers.size() >= capacity) {
            buffers.poll().complete(0);
        }
        buffers.add(request);
    }

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    VirtioRequest peek() {
        return buffers.peek();
    }

    VirtioRequest poll() {
        return buffers.poll();
    }

    /** Forgets every buffer: they belong to a driver instance that has gone. */
    void clear() {
        buffers.clear();
    }

    /** Writes the heads of the buffers still live. */
    void save(StateWriter out) {
        int live = 0;
        for (VirtioRequest request : buffers) {
            live += request.isLive() ? 1 : 0;
        }
        out.i32(live);
        for (VirtioRequest request : buffers) {
            if (request.isLive()) {
                out.u16(request.head());
            }
        }
    }

    /** Replaces the buffers with those {@link #save} wrote, reclaimed from {@code transport}'s ring. */
    void restore(StateReader in, VirtioTransport transport) throws SnapshotException {
        int count = in.count(capacity, "receive buffer count");
        buffers.clear();
        for (int i = 0; i < count; i++) {
            int head = in.u16();
            if (transport == null) {
                throw new SnapshotException(device + " is not plugged into a transport");
            }
            buffers.add(transport.reclaim(queue, head));
        }
    }
}
