package dev.termpress.emulator.virtio;

import dev.termpress.emulator.host.EntropySource;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/** The virtio entropy device (§5.4): fills every buffer the guest posts from an {@link EntropySource}. */
public final class VirtioEntropy implements VirtioDevice, Snapshottable {

    private final EntropySource source;
    private final byte[] scratch = new byte[4096];

    /** An entropy device drawing from {@code source}. */
    public VirtioEntropy(EntropySource source) {
        this.source = source;
    }

    @Override
    public int deviceId() {
        return Virtio.DEVICE_ENTROPY;
    }

    @Override
    public long deviceFeatures() {
        return 0;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public void attach(VirtioTransport transport) {
        // Entropy needs nothing from the transport.
    }

    @Override
    public void handle(int queue, VirtioRequest request) {
        int total = request.writableLength();
        int position = 0;
        while (position < total) {
            int n = Math.min(scratch.length, total - position);
            source.fill(scratch, 0, n);
            position += request.write(position, scratch, 0, n);
        }
        request.complete(total);
    }

    @Override
    public long readConfig(int offset, int width) {
        return 0; // no configuration space
    }

    @Override
    public void reset() {
        // Requests are completed at once, so nothing is kept.
    }

    // ---- snapshot: every request completes at once, and the source is the host's (fresh after a resume) ----

    @Override
    public String stateName() {
        return "virtio-entropy";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        // Nothing is kept between requests.
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        // Nothing saved.
    }
}
