package dev.termpress.emulator.virtio;

import java.util.ArrayList;
import java.util.List;

/** A test device that keeps every request so the test decides when (and whether) it completes. */
final class HoldingDevice implements VirtioDevice {

    static final int DEVICE_ID = 42;

    final List<VirtioRequest> requests = new ArrayList<>();
    final ConfigSpace config = new ConfigSpace(8);
    VirtioTransport transport;
    int resets;
    private final int queues;
    private final int queueSizeMax;

    HoldingDevice(int queues, int queueSizeMax) {
        this.queues = queues;
        this.queueSizeMax = queueSizeMax;
    }

    HoldingDevice() {
        this(1, DEFAULT_QUEUE_SIZE);
    }

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public long deviceFeatures() {
        return 1L << 5;
    }

    @Override
    public int queueCount() {
        return queues;
    }

    @Override
    public int queueSizeMax(int queue) {
        return queueSizeMax;
    }

    @Override
    public void attach(VirtioTransport transport) {
        this.transport = transport;
    }

    @Override
    public void handle(int queue, VirtioRequest request) {
        requests.add(request);
    }

    @Override
    public long readConfig(int offset, int width) {
        return config.read(offset, width);
    }

    @Override
    public void writeConfig(int offset, int width, long value) {
        config.put(offset, width, value);
    }

    @Override
    public void reset() {
        resets++;
        requests.clear();
    }
}
