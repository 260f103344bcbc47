package dev.termpress.emulator.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link LayerSource} for hosts that fetch layer bytes only when a file is first read (DESIGN §3). Step 1:
 * the first read of a missing layer asks the host's {@link Fetcher} for the whole layer, reads wait, and the
 * host answers them all with {@link #supply} (or gives up with {@link #fail}). Step 2: for a layer whose
 * index has {@link InflateCheckpoints} (given with {@link #useSpans}), a read asks only for the spans that
 * hold its bytes ({@link Fetcher#fetchSpan}), answered with {@link #supplySpan} or {@link #failSpan}; a
 * whole layer supplied at any time answers everything. Single-threaded like the machine: the host calls
 * in on the thread that runs it.
 */
public final class OnDemandLayerSource implements LayerSource {

    /** Starts getting layer bytes (download, verify, inflate); answers through the source, now or later. */
    public interface Fetcher {

        /** Called once per layer, when it is first needed (and again after a {@link #fail}); answer with {@link #supply}. */
        void fetch(int layer);

        /**
         * Called once per span of a layer with checkpoints, when it is first needed (again after a
         * {@link #failSpan}); answer with {@link #supplySpan}, or with {@link #supply} of the whole layer.
         */
        default void fetchSpan(int layer, int span) {
            fetch(layer);
        }
    }

    /** A read waiting for bytes: for a layer with spans, for spans {@code firstSpan..lastSpan}. */
    private record Waiting(long offset, int length, Callback callback, int firstSpan, int lastSpan) {
    }

    private final Fetcher fetcher;
    private final byte[][] layers;
    private final InflateCheckpoints[] checkpoints;
    private final byte[][][] spans;
    private final boolean[][] spanFetching;
    private final List<List<Waiting>> waiting = new ArrayList<>();

    /** A source of {@code layerCount} layers (bottom first), none of them here yet. */
    public OnDemandLayerSource(int layerCount, Fetcher fetcher) {
        this.fetcher = fetcher;
        this.layers = new byte[layerCount][];
        this.checkpoints = new InflateCheckpoints[layerCount];
        this.spans = new byte[layerCount][][];
        this.spanFetching = new boolean[layerCount][];
        for (int i = 0; i < layerCount; i++) {
            waiting.add(null);
        }
    }

    /** From now on, reads of {@code layer} ask for the spans of {@code layerCheckpoints} rather than the whole layer. */
    public void useSpans(int layer, InflateCheckpoints layerCheckpoints) {
        checkLayer(layer);
        checkpoints[layer] = layerCheckpoints;
        spans[layer] = new byte[layerCheckpoints.spans().size()][];
        spanFetching[layer] = new boolean[layerCheckpoints.spans().size()];
    }

    /** Span {@code span}'s uncompressed bytes if they are here (the next span's window is their end), else null. */
    public byte[] spanBytes(int layer, int span) {
        checkSpan(layer, span);
        return spans[layer] == null ? null : spans[layer][span];
    }

    /** Whether the whole layer's bytes are here. */
    public boolean has(int layer) {
        return layer >= 0 && layer < layers.length && layers[layer] != null;
    }

    /** Whether a fetch for the layer is under way (reads are waiting for it). */
    public boolean isFetching(int layer) {
        return layer >= 0 && layer < layers.length && waiting.get(layer) != null && !waiting.get(layer).isEmpty();
    }

    /** Hands over a layer's uncompressed tar stream (also before anyone asked: a prefetch) and answers the reads waiting for it. */
    public void supply(int layer, byte[] uncompressedTar) {
        checkLayer(layer);
        layers[layer] = uncompressedTar;
        spans[layer] = null; // the whole layer supersedes its spans
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
        if (spanFetching[layer] != null) {
            Arrays.fill(spanFetching[layer], false);
        }
        if (failed != null) {
            for (Waiting w : failed) {
                w.callback().failed(reason);
            }
        }
    }

    /** Hands over span {@code span}'s uncompressed bytes and answers the reads that now have all they need. */
    public void supplySpan(int layer, int span, byte[] uncompressed) {
        checkSpan(layer, span);
        if (layers[layer] != null) {
            return;
        }
        InflateCheckpoints.Span meta = checkpoints[layer].spans().get(span);
        if (uncompressed.length != meta.uncompressedEnd() - meta.uncompressedStart()) {
            failSpan(layer, span, "span " + span + " of layer " + layer + " inflated to " + uncompressed.length
                    + " bytes, its index says " + (meta.uncompressedEnd() - meta.uncompressedStart()));
            return;
        }
        spans[layer][span] = uncompressed;
        spanFetching[layer][span] = false;
        for (Waiting w : take(layer, w -> w.firstSpan() >= 0 && missingSpan(layer, w.firstSpan(), w.lastSpan()) < 0)) {
            answerFromSpans(layer, w.offset(), w.length(), w.callback());
        }
    }

    /** Span {@code span} cannot be had: the reads waiting for it fail (EIO); a later read tries again. */
    public void failSpan(int layer, int span, String reason) {
        checkSpan(layer, span);
        spanFetching[layer][span] = false;
        for (Waiting w : take(layer, w -> w.firstSpan() <= span && span <= w.lastSpan())) {
            w.callback().failed(reason);
        }
    }

    /**
     * Removes and returns, in arrival order, the reads of {@code layer} that {@code which} picks; they are
     * answered only after, since an answer may start another read of the same layer.
     */
    private List<Waiting> take(int layer, Predicate<Waiting> which) {
        List<Waiting> taken = new ArrayList<>();
        List<Waiting> queue = waiting.get(layer);
        if (queue != null) {
            queue.removeIf(w -> which.test(w) && taken.add(w));
        }
        return taken;
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
        if (spans[layer] != null) {
            readSpans(layer, offset, length, callback);
            return;
        }
        List<Waiting> queue = waiting.get(layer);
        boolean first = queue == null;
        if (first) {
            queue = new ArrayList<>();
            waiting.set(layer, queue);
        }
        queue.add(new Waiting(offset, length, callback, -1, -1));
        if (first) {
            fetcher.fetch(layer); // may supply at once, which answers the read just queued
        }
    }

    private void readSpans(int layer, long offset, int length, Callback callback) {
        InflateCheckpoints layerCheckpoints = checkpoints[layer];
        List<InflateCheckpoints.Span> meta = layerCheckpoints.spans();
        long streamEnd = meta.get(meta.size() - 1).uncompressedEnd();
        if (length == 0 || offset >= streamEnd) {
            callback.done(new byte[0], 0, 0); // no bytes to read: no span to fetch for them
            return;
        }
        int first = layerCheckpoints.spanAt(offset);
        int last = layerCheckpoints.spanAt(Math.min(offset + length, streamEnd) - 1);
        if (missingSpan(layer, first, last) < 0) {
            answerFromSpans(layer, offset, length, callback);
            return;
        }
        if (waiting.get(layer) == null) {
            waiting.set(layer, new ArrayList<>());
        }
        waiting.get(layer).add(new Waiting(offset, length, callback, first, last));
        for (int span = first; span <= last; span++) {
            // Each fetchSpan may answer at once (and even supply the whole layer), so look again every time.
            if (spans[layer] == null) {
                return;
            }
            if (spans[layer][span] == null && !spanFetching[layer][span]) {
                spanFetching[layer][span] = true;
                fetcher.fetchSpan(layer, span);
            }
        }
    }

    /** The first of spans {@code first..last} that is not here, or -1. */
    private int missingSpan(int layer, int first, int last) {
        for (int span = first; span <= last; span++) {
            if (spans[layer][span] == null) {
                return span;
            }
        }
        return -1;
    }

    /** Answers a read of at least one byte inside the stream whose spans are all here. */
    private void answerFromSpans(int layer, long start, int length, Callback callback) {
        List<InflateCheckpoints.Span> meta = checkpoints[layer].spans();
        int n = (int) Math.min(length, meta.get(meta.size() - 1).uncompressedEnd() - start);
        int first = checkpoints[layer].spanAt(start);
        InflateCheckpoints.Span firstMeta = meta.get(first);
        if (start + n <= firstMeta.uncompressedEnd()) {
            callback.done(spans[layer][first], (int) (start - firstMeta.uncompressedStart()), n);
            return;
        }
        byte[] joined = new byte[n];
        int copied = 0;
        for (int span = first; copied < n; span++) {
            InflateCheckpoints.Span m = meta.get(span);
            int from = (int) (start + copied - m.uncompressedStart());
            int count = (int) Math.min(n - copied, m.uncompressedEnd() - m.uncompressedStart() - from);
            System.arraycopy(spans[layer][span], from, joined, copied, count);
            copied += count;
        }
        callback.done(joined, 0, n);
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= layers.length) {
            throw new IllegalArgumentException("no layer " + layer + " in an image of " + layers.length);
        }
    }

    private void checkSpan(int layer, int span) {
        checkLayer(layer);
        if (checkpoints[layer] == null || span < 0 || span >= checkpoints[layer].spans().size()) {
            throw new IllegalArgumentException("layer " + layer + " has no span " + span);
        }
    }

    private static void answer(byte[] bytes, long offset, int length, Callback callback) {
        int start = (int) Math.min(offset, bytes.length);
        callback.done(bytes, start, (int) Math.min(length, bytes.length - start));
    }
}
