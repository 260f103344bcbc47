package dev.termpress.emulator.fs;

import java.util.ArrayList;
import java.util.List;

/** A {@link LayerSource} that holds every read until the test releases it, as a downloading host would. */
public final class DeferredLayerSource implements LayerSource {

    private record Pending(int layer, long offset, int length, Callback callback) {
    }

    private final List<byte[]> layers;
    private final List<Pending> pending = new ArrayList<>();
    /** Every read ever asked for, as "layer:offset+length". */
    public final List<String> requests = new ArrayList<>();

    public DeferredLayerSource(List<byte[]> layers) {
        this.layers = layers;
    }

    @Override
    public void read(int layer, long offset, int length, Callback callback) {
        requests.add(layer + ":" + offset + "+" + length);
        pending.add(new Pending(layer, offset, length, callback));
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Answers every held read with its bytes. */
    public void completeAll() {
        List<Pending> now = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : now) {
            new ByteArrayLayerSource(layers).read(p.layer(), p.offset(), p.length(), p.callback());
        }
    }

    /** Fails every held read. */
    public void failAll() {
        List<Pending> now = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : now) {
            p.callback().failed("download failed");
        }
    }
}
