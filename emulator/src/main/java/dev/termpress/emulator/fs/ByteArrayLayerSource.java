package dev.termpress.emulator.fs;

import java.util.List;

/** A {@link LayerSource} over uncompressed layer tars already in memory; answers every read at once. */
public final class ByteArrayLayerSource implements LayerSource {

    private final List<byte[]> layers;

    /** Serves {@code layers}, bottom first, each the uncompressed tar stream of one layer. */
    public ByteArrayLayerSource(List<byte[]> layers) {
        this.layers = layers;
    }

    @Override
    public void read(int layer, long offset, int length, Callback callback) {
        if (layer < 0 || layer >= layers.size() || offset < 0 || length < 0) {
            callback.failed("no layer " + layer + " or bad range " + offset + "+" + length);
            return;
        }
        byte[] bytes = layers.get(layer);
        int start = (int) Math.min(offset, bytes.length);
        callback.done(bytes, start, (int) Math.min(length, bytes.length - start));
    }
}
