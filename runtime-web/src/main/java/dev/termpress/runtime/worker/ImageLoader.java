package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.runtime.boot.ImageDescriptor;
import dev.termpress.runtime.js.Blobs;
import dev.termpress.runtime.js.DescriptorReader;
import dev.termpress.runtime.js.JsJson;
import dev.termpress.runtime.js.WorkerScope;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Gets what a session boots from: the kernel, the image descriptor, and each layer's index. A layer with a
 * published index is fetched when the guest first reads a file in it; a layer without one is downloaded
 * now and indexed here (LayerIndex.build) before boot. Every blob is size- and sha256-checked before use.
 */
final class ImageLoader {

    /** Receives the outcome: exactly one call. */
    interface Listener {

        void loaded(byte[] kernel, ImageDescriptor image, List<LayerIndex> indexes, OnDemandLayerSource source);

        void failed(String message);
    }

    private static final double PROGRESS_INTERVAL_MILLIS = 100;

    private final String descriptorUrl;
    private final String kernelUrl;
    private final Listener listener;
    private final Runnable layerArrived;
    private ImageDescriptor image;
    private String blobBase;
    private byte[] kernel;
    private LayerIndex[] indexes;
    private double[] received;
    private int indexesMissing;
    private OnDemandLayerSource source;
    private double lastProgress;
    private boolean done;

    /**
     * @param layerArrived called after a layer fetched on demand was handed to the filesystem (wake the guest)
     */
    ImageLoader(String descriptorUrl, String kernelUrl, Listener listener, Runnable layerArrived) {
        this.descriptorUrl = descriptorUrl;
        this.kernelUrl = kernelUrl;
        this.listener = listener;
        this.layerArrived = layerArrived;
    }

    void start() {
        Blobs.fetchImmutable(kernelUrl)
                .flatThen(bytes -> Blobs.gunzip(bytes, kernelUrl))
                .then(image -> guard(() -> {
                    kernel = Int8Array.create(image).copyToJavaArray();
                    maybeLoaded();
                }), this::rejected);
        Blobs.fetchText(descriptorUrl).then(text -> guard(() -> {
            image = DescriptorReader.read(descriptorUrl, JsJson.text(text));
            blobBase = WorkerScope.resolve(image.blobs(), descriptorUrl);
            startLayers();
        }), this::rejected);
    }

    private void startLayers() {
        int count = image.layers().size();
        indexes = new LayerIndex[count];
        received = new double[count];
        indexesMissing = count;
        source = new OnDemandLayerSource(count, this::fetchLayer);
        progress(true);
        for (int i = 0; i < count; i++) {
            ImageDescriptor.Layer layer = image.layers().get(i);
            int n = i;
            if (layer.index() != null) {
                String indexUrl = WorkerScope.resolve(layer.index(), descriptorUrl);
                Blobs.fetchVerified(indexUrl, hex(layer.indexDigest()), Blobs.UNKNOWN_SIZE, bytes -> { })
                        .then(bytes -> guard(() -> {
                            indexes[n] = LayerIndex.fromBytes(Int8Array.create(bytes).copyToJavaArray());
                            indexFound();
                        }), this::rejected);
            } else {
                downloadLayer(n).then(buffer -> guard(() -> {
                    byte[] tar = Int8Array.create(buffer).copyToJavaArray();
                    indexes[n] = LayerIndex.build(TarInput.of(tar));
                    source.supply(n, tar);
                    indexFound();
                }), this::rejected);
            }
        }
    }

    /** The filesystem's first read of a layer that has an index but whose bytes are not here. */
    private void fetchLayer(int n) {
        downloadLayer(n).then(buffer -> guard(() -> {
            received[n] = image.layers().get(n).size();
            progress(true); // the last progress before it may have been dropped by the rate limit
            source.supply(n, Int8Array.create(buffer).copyToJavaArray());
            layerArrived.run();
        }), error -> {
            source.fail(n, WorkerScope.describe((JSObject) error));
            WorkerScope.postError(WorkerScope.describe((JSObject) error));
            layerArrived.run();
            return null;
        });
    }

    /** Downloads, verifies and (for gzip) inflates one layer into its uncompressed tar. */
    private JSPromise<ArrayBuffer> downloadLayer(int n) {
        ImageDescriptor.Layer layer = image.layers().get(n);
        String url = blobUrl(layer.digest());
        JSPromise<ArrayBuffer> blob = Blobs.fetchVerified(url, layer.hex(), layer.size(), bytes -> {
            received[n] = bytes;
            progress(false);
        });
        return layer.gzip() ? blob.flatThen(bytes -> Blobs.gunzip(bytes, url)) : blob;
    }

    private void indexFound() throws ImageFormatException {
        indexesMissing--;
        maybeLoaded();
    }

    private void maybeLoaded() {
        if (done || kernel == null || image == null || indexesMissing > 0) {
            return;
        }
        done = true;
        progress(true);
        List<LayerIndex> list = new ArrayList<>(indexes.length);
        for (LayerIndex index : indexes) {
            list.add(index);
        }
        listener.loaded(kernel, image, list, source);
    }

    private void progress(boolean force) {
        double now = WorkerScope.now();
        if (!force && now - lastProgress < PROGRESS_INTERVAL_MILLIS) {
            return;
        }
        lastProgress = now;
        double total = 0;
        for (double bytes : received) {
            total += bytes;
        }
        WorkerScope.postStatus("downloading", total, image.layersSize());
    }

    private String blobUrl(String digest) {
        return WorkerScope.resolve(hex(digest), blobBase);
    }

    private static String hex(String digest) {
        return dev.termpress.runtime.boot.Digests.hex(digest);
    }

    private Object rejected(Object error) {
        fail(WorkerScope.describe((JSObject) error));
        return null;
    }

    private void fail(String message) {
        if (!done) {
            done = true;
            listener.failed(message);
        }
    }

    /** Runs a step of a promise callback; a Java exception becomes the load's failure. */
    private Object guard(Step step) {
        try {
            step.run();
        } catch (Throwable e) {
            fail(e.getMessage() != null ? e.getMessage() : e.toString());
        }
        return null;
    }

    private interface Step {
        void run() throws Exception;
    }
}
