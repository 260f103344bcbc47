package dev.termpress.emulator.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LayerSource} for hosts that fetch a layer only when a file in it is first read (DESIGN §3,
 * step 1): the first read of a missing layer asks the host's {@link Fetcher}, reads wait, and the host
 * answers them all by handing over the layer's uncompressed bytes with {@link #supply} (or gives up with
 * {@link #fail}). Single-threaded like the machine: the host calls in on the thread that runs it.
 */
public final class OnDemandLayerSource implements LayerSource {

    /** Starts getting a layer (download, verify, inflate); answers with {@link #supply} or {@link #fail}, now or later. */
    public interface Fetcher {

        /** Called once per layer, when it is first needed (and again after a {@link #fail}). */
        void fetch(int layer);
    }

    private record Waiting(long offset, int length, Callback callback) {
    }

    private final Fetcher fetcher;
    private final byte[][] layers;
    private final List<List<Waiting>> waiting = new ArrayList<>();

    /** A source of {@code layerCount} layers (bottom first), none of them here yet. */
    public OnDemandLayerSource(int layerCount, Fetcher fetcher) {
        this.fetcher = fetcher;
        this.layers = new byte[layerCount][];
        for (int i = 0; i < layerCount; i++) {
            waiting.add(null);
        }
    }

    /** Whether the layer's bytes are here. */
    public boolean has(int layer) {
        return layer >= 0 && layer < layers.length && layers[layer] != null;
    }

    /** Whether a fetch of the layer is under way (reads are waiting for it). */
    public boolean isFetching(int layer) {
        return layer >= 0 && layer < layers.length && waiting.get(layer) != null;
    }

    /** Hands over a layer's uncompressed tar stream (also before anyone asked: a prefetch) and answers the reads waiting for it. */
    public void supply(int layer, byte[] uncompressedTar) {
        if (layer < 0 || layer >= layers.length) {
            throw new IllegalArgumentException("no layer " + layer + " in an image of " + layers.length);
        }
        layers[layer] = uncompressedTar;
        List<Waiting> answered = waiting.get(layer);
        waiting.set(layer, null);
        if (answered != null) {
            for (Waiting w : answered) {
                answer(uncompressedTar, w.offset(), w.length(), w.callback());
            }
        }
    }

    /** The layer cannot be had: the waiting reads fail (EIO in the guest); a later read tries again. */
    public void fail(int layer, String reason) {
        if (layer < 0 || layer >= layers.length) {
            return;
        }
        List<Waiting> failed = waiting.get(layer);
        waiting.set(layer, null);
        if (failed != null) {
            for (Waiting w : failed) {
                w.callback().failed(reason);
            }
        }
    }

    @Override
    public void read(int layer, long offset, int length, Callback callback) {
        if (layer < 0 || layer >= layers.length || offset < 0 || length < 0) {
            callback.failed("no layer " + layer + " or bad range " + offset + "+" + length);
            return;
        }
        if (layers[layer] != null) {
            answer(layers[layer], offset, length, callback);
            return;
        }
        List<Waiting> queue = waiting.get(layer);
        boolean first = queue == null;
        if (first) {
            queue = new ArrayList<>();
            waiting.set(layer, queue);
        }
        queue.add(new Waiting(offset, length, callback));
        if (first) {
            fetcher.fetch(layer); // may supply at once, which answers the read just queued
        }
    }

    private static void answer(byte[] bytes, long offset, int length, Callback callback) {
        int start = (int) Math.min(offset, bytes.length);
        callback.done(bytes, start, (int) Math.min(length, bytes.length - start));
    }
}
