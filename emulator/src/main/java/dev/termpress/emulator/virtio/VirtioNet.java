package dev.termpress.emulator.virtio;

import dev.termpress.emulator.net.Addresses;
import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The virtio network device (§5.1), the guest's eth0: one receive and one transmit queue, a fixed MAC
 * and no offloads, so every frame is a plain Ethernet frame of at most 1514 bytes behind the 12-byte
 * {@code virtio_net_hdr}, with checksums the guest computed. The device is always present (one device
 * tree for every host); a host that turns the network on plugs a {@link UserNetwork} in with
 * {@link #connect}. Without one, transmitted frames are dropped, as on an unplugged cable. Frames to
 * the guest are pulled from the stack only while the guest has receive buffers posted, so none is lost.
 */
public final class VirtioNet implements VirtioDevice, Snapshottable {

    /** Feature: the MAC address in the configuration space is valid (§5.1.3). */
    public static final int F_MAC = 5;
    /** Receive buffers the driver may post (Linux fills the ring): 64 of about 1.5 KiB, kept small for snapshots. */
    public static final int QUEUE_SIZE = 64;
    /** {@code struct virtio_net_hdr} with VIRTIO_F_VERSION_1 (it always has num_buffers). */
    static final int HEADER = 12;
    private static final int MAX_FRAME = 1514;
    private static final int RECEIVE_QUEUE = 0;
    private static final int TRANSMIT_QUEUE = 1;

    private final ConfigSpace config = new ConfigSpace(6);
    private final PostedBuffers receiveBuffers = new PostedBuffers(RECEIVE_QUEUE, QUEUE_SIZE, "virtio-net");
    private final byte[] header = new byte[HEADER];
    private VirtioTransport transport;
    private UserNetwork network;
    private long droppedFrames;

    public VirtioNet() {
        for (int i = 0; i < 6; i++) {
            config.put(i, 1, Addresses.GUEST_MAC[i]);
        }
    }

    /** Plugs the host's stack in (or out, with null); the previous one is closed. */
    public void connect(UserNetwork stack) {
        if (network != null && network != stack) {
            network.close();
        }
        network = stack;
        pump();
    }

    /** The stack plugged in, or null. */
    public UserNetwork network() {
        return network;
    }

    /** Frames the guest sent that nothing took (no stack, or too long). */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Runs what the host delivered and hands the guest what is ready; the machine calls this between slices. */
    public void service() {
        if (network != null) {
            network.poll();
            pump();
        }
    }

    /** Whether the host owes the guest an answer (a connect, a lookup, an open connection's data). */
    public boolean waitingForHost() {
        return network != null && network.waitingForHost();
    }

    /**
     * Waits up to {@code nanos} for the host (an idle guest on the instruction clock, so that guest time
     * does not run past a reply); true if something arrived and was handed on.
     */
    public boolean awaitHost(long nanos) {
        if (network == null) {
            return false;
        }
        try {
            if (!network.backend().await(nanos)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        service();
        return true;
    }

    @Override
    public int deviceId() {
        return Virtio.DEVICE_NET;
    }

    @Override
    public long deviceFeatures() {
        return 1L << F_MAC;
    }

    @Override
    public int queueCount() {
        return 2;
    }

    @Override
    public int queueSizeMax(int queue) {
        return QUEUE_SIZE;
    }

    @Override
    public void attach(VirtioTransport transport) {
        this.transport = transport; // only for reclaiming receive buffers after a restore
    }

    @Override
    public void handle(int queue, VirtioRequest request) {
        if (queue == RECEIVE_QUEUE) {
            receiveBuffers.post(request);
        } else if (queue == TRANSMIT_QUEUE) {
            transmit(request);
        } else {
            request.complete(0);
        }
        pump();
    }

    private void transmit(VirtioRequest request) {
        int length = request.readableLength() - HEADER;
        if (length <= 0 || length > MAX_FRAME || network == null) {
            droppedFrames++;
        } else {
            byte[] frame = new byte[length];
            request.read(HEADER, frame, 0, length);
            network.receive(frame, length);
        }
        request.complete(0);
    }

    /** Moves ready frames into posted receive buffers, header first (all zero: no offloads, one buffer). */
    private void pump() {
        if (network == null) {
            return;
        }
        while (!receiveBuffers.isEmpty()) {
            VirtioRequest buffer = receiveBuffers.peek();
            if (!buffer.isLive()) {
                receiveBuffers.poll();
                continue;
            }
            if (buffer.writableLength() < HEADER + MAX_FRAME) {
                receiveBuffers.poll().complete(0); // too small for a frame: a driver we do not support
                continue;
            }
            byte[] frame = network.nextFrame();
            if (frame == null) {
                return;
            }
            receiveBuffers.poll();
            header[10] = 1; // num_buffers
            buffer.write(0, header, 0, HEADER);
            buffer.write(HEADER, frame, 0, frame.length);
            buffer.complete(HEADER + frame.length);
        }
    }

    @Override
    public long readConfig(int offset, int width) {
        return config.read(offset, width);
    }

    @Override
    public void reset() {
        receiveBuffers.clear();
    }

    // ---- snapshot: the receive buffers the guest posted; never with connections open ----

    @Override
    public String stateName() {
        return "virtio-net";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) throws SnapshotException {
        if (network != null && network.connectionCount() > 0) {
            throw new SnapshotException("virtio-net: " + network.connectionCount()
                    + " TCP connections are open; a snapshot cannot hold the host's end of them");
        }
        receiveBuffers.save(out);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        receiveBuffers.restore(in, transport);
    }
}
