package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.deflate.SpanStream;
import dev.termpress.runtime.boot.Sha256;
import dev.termpress.runtime.js.Blobs;
import dev.termpress.runtime.js.Hasher;
import dev.termpress.runtime.js.JsErrors;
import dev.termpress.runtime.js.WorkerScope;
import java.util.ArrayDeque;
import java.util.Deque;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Gets single spans of gzip layers (DESIGN §3, step 2): HTTP Range requests for the span's compressed
 * bytes and for its window in the layer's windows file, each sha256-checked against the layer index, then
 * inflated by the browser's DecompressionStream from the checkpoint on ({@link SpanStream}) and handed to
 * the filesystem. A host that ignores Range sends every layer back to step 1, and a span that fails in any
 * way sends its layer: the whole blob, verified against its own digest, which then answers every read
 * of the layer.
 */
final class SpanFetcher {

    /**
     * Span requests in flight at once. Browsers open about six HTTP/1.1 connections per host; four leave
     * room for the whole-blob and index fetches, and a booting guest rarely waits on more than a few files.
     */
    static final int MAX_PARALLEL = 4;

    /** The SHA-256 of pages without SubtleCrypto (plain http). */
    static final Hasher JAVA_SHA256 = bytes -> Sha256.hexDigest(Int8Array.create(bytes).copyToJavaArray());

    /** What the fetcher needs from the loader. */
    interface Host {

        /** The absolute URL of layer {@code layer}'s blob. */
        String blobUrl(int layer);

        /** The absolute URL of layer {@code layer}'s windows file (next to its index). */
        String windowsUrl(int layer);

        /** Fetch the whole layer instead (step 1); the loader ignores repeated calls while one is under way. */
        void wholeLayer(int layer);

        /** Compressed bytes of layer {@code layer} arrived (for the progress line) and the guest may go on. */
        void arrived(int layer, double compressedBytes);
    }

    private record Request(int layer, int span) {
    }

    private final OnDemandLayerSource source;
    private final InflateCheckpoints[] checkpoints;
    private final Host host;
    private final Deque<Request> queue = new ArrayDeque<>();
    /** Layers sent back to the whole blob: their reads wait for it rather than fetch spans it will answer. */
    private final boolean[] wholeLayer;
    private int running;
    private boolean rangesUnsupported;

    SpanFetcher(OnDemandLayerSource source, InflateCheckpoints[] checkpoints, Host host) {
        this.source = source;
        this.checkpoints = checkpoints;
        this.host = host;
        this.wholeLayer = new boolean[checkpoints.length];
    }

    /** The filesystem asks for span {@code span} of layer {@code layer}. */
    void request(int layer, int span) {
        queue.add(new Request(layer, span));
        pump();
    }

    private void pump() {
        while (running < MAX_PARALLEL && !queue.isEmpty()) {
            Request next = queue.poll();
            if (rangesUnsupported || wholeLayer[next.layer()]) {
                host.wholeLayer(next.layer()); // ignored while under way; after a failure, tries again
            } else {
                start(next.layer(), next.span());
            }
        }
    }

    /** Step 1 for {@code layer}, from now on: a span of it failed or the host does not serve ranges. */
    private void sendWhole(int layer) {
        wholeLayer[layer] = true;
        host.wholeLayer(layer);
    }

    private void start(int layer, int span) {
        running++;
        InflateCheckpoints.Span meta = checkpoints[layer].spans().get(span);
        String url = host.blobUrl(layer);
        String name = url + " span " + span;
        // Both requests go out at once; the window is usually the smaller and arrives first.
        byte[] local = localWindow(layer, span, meta);
        JSPromise<ArrayBuffer> window = local != null
                ? JSPromise.resolve(Int8Array.copyFromJavaArray(local).getBuffer())
                : fetchWindow(layer, span, meta.window());
        double downloaded = meta.compressedLength() + (local != null ? 0 : meta.window().length());
        JSPromise<ArrayBuffer> compressed = Blobs.fetchRange(url, meta.firstByte(), meta.endByte(),
                hex(meta.sha256()), bytes -> { }, JAVA_SHA256);
        window.flatThen(windowBytes -> compressed.flatThen(spanBytes -> inflate(meta, windowBytes, spanBytes, name)))
                .then(inflated -> {
                    running--;
                    try {
                        long expected = meta.windowLength() + meta.uncompressedEnd() - meta.uncompressedStart();
                        if (inflated.getByteLength() != expected) {
                            JsErrors.warn("termpress: " + name + " inflated to " + inflated.getByteLength()
                                    + " bytes, its index says " + expected + "; fetching the whole layer instead");
                            sendWhole(layer);
                        } else {
                            byte[] bytes = Int8Array.create(inflated, meta.windowLength(),
                                    inflated.getByteLength() - meta.windowLength()).copyToJavaArray();
                            source.supplySpan(layer, span, bytes);
                            host.arrived(layer, downloaded);
                        }
                    } finally {
                        pump(); // whatever the answer did, the queued spans must not stall
                    }
                    return null;
                }, error -> {
                    running--;
                    if (Blobs.isNoRange((JSObject) error)) {
                        rangesUnsupported = true;
                    } else {
                        JsErrors.warn("termpress: " + WorkerScope.describe((JSObject) error)
                                + "; fetching the whole layer instead");
                    }
                    sendWhole(layer);
                    pump();
                    return null;
                });
    }

    /**
     * The span's window when it needs no download: nothing for the first span, the end of the previous span
     * when that is here already (reads often go forward); else null.
     */
    private byte[] localWindow(int layer, int span, InflateCheckpoints.Span meta) {
        int length = meta.windowLength();
        if (length == 0) {
            return new byte[0];
        }
        byte[] previous = span > 0 ? source.spanBytes(layer, span - 1) : null;
        if (previous == null || previous.length < length) {
            return null;
        }
        byte[] window = new byte[length];
        System.arraycopy(previous, previous.length - length, window, 0, length);
        return window;
    }

    /** The span's window from the layer's windows file, verified and inflated. */
    private JSPromise<ArrayBuffer> fetchWindow(int layer, int span, InflateCheckpoints.WindowRef ref) {
        String url = host.windowsUrl(layer);
        return Blobs.fetchRange(url, ref.offset(), ref.offset() + ref.length(), hex(ref.sha256()), bytes -> { },
                        JAVA_SHA256)
                .flatThen(packed -> Blobs.inflateRaw(packed, url + " window " + span));
    }

    private static String hex(byte[] digest) {
        return Sha256.hex(digest, 0, digest.length);
    }

    /** Inflates the span from its checkpoint: a stream DecompressionStream('deflate-raw') can read on its own. */
    private static JSPromise<ArrayBuffer> inflate(InflateCheckpoints.Span meta, ArrayBuffer window,
            ArrayBuffer compressed, String name) {
        byte[] stream;
        try {
            stream = SpanStream.of(meta, Int8Array.create(window).copyToJavaArray(),
                    Int8Array.create(compressed).copyToJavaArray());
        } catch (ImageFormatException e) {
            return JSPromise.reject(JsErrors.error(name + ": " + e.getMessage()));
        }
        return Blobs.inflateRaw(Int8Array.copyFromJavaArray(stream), name);
    }
}
