package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.runtime.boot.BootChoice;
import dev.termpress.runtime.boot.BootSnapshot;
import dev.termpress.runtime.boot.ImageDescriptor;
import dev.termpress.runtime.boot.Sha256;
import dev.termpress.runtime.js.Blobs;
import dev.termpress.runtime.js.DescriptorReader;
import dev.termpress.runtime.js.JsErrors;
import dev.termpress.runtime.js.JsJson;
import dev.termpress.runtime.js.Marks;
import dev.termpress.runtime.js.WorkerScope;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Gets what a session starts from: the image descriptor, each layer's index, and either the image's boot
 * snapshot (when the descriptor names one this runtime can resume, {@link BootChoice}) or the kernel. A
 * snapshot that cannot be fetched, verified or inflated is reported in one line ({@link Listener#notice}) and
 * the kernel is fetched instead; {@link #bootCold} does the same after a failed restore. A layer with a
 * published index is fetched when the guest first reads a file in it: only the spans holding the file when
 * the index has inflate checkpoints ({@link SpanFetcher}, DESIGN §3 step 2), else the whole blob (step 1);
 * a layer without an index is downloaded now and indexed here (LayerIndex.build) before boot. Every blob
 * and span is sha256-checked before use.
 */
final class ImageLoader {

    /** Receives the outcome: exactly one call. */
    interface Listener {

        /**
         * Everything is here: {@code snapshot} is the raw boot snapshot to resume, or null with {@code kernel}
         * the raw kernel Image to boot. Called again, with a kernel, after {@link #bootCold}.
         */
        void loaded(byte[] kernel, byte[] snapshot, ImageDescriptor image, List<LayerIndex> indexes,
                OnDemandLayerSource source);

        /** Every layer index is here (before the kernel or snapshot, usually): the machine can be built. */
        void indexesLoaded(ImageDescriptor image, List<LayerIndex> indexes, OnDemandLayerSource source);

        /** A line for the reader: why the boot snapshot is not used. */
        void notice(String line);

        void failed(String message);
    }

    private static final double PROGRESS_INTERVAL_MILLIS = 100;
    /**
     * Whole layers (no checkpoints) up to this many bytes in all are fetched with the indexes, not at the
     * guest's first read: the shell's first exec reads them anyway, and the download then overlaps the
     * kernel's or snapshot's instead of stopping the guest (busybox: its one 1 MB layer).
     */
    static final double PREFETCH_BUDGET_BYTES = 2 << 20;

    private final String descriptorUrl;
    private final String kernelUrl;
    private final String kernelSha256;
    private final Listener listener;
    private final Runnable layerArrived;
    private ImageDescriptor image;
    private String blobBase;
    private byte[] kernel;
    private byte[] snapshot;
    private boolean kernelRequested;
    private double snapshotReceived;
    private double snapshotSize;
    private boolean delivered;
    private LayerIndex[] indexes;
    private double[] received;
    private double[] spanBytes;
    private boolean[] wholeInFlight;
    private InflateCheckpoints[] checkpoints;
    private SpanFetcher spans;
    private int indexesMissing;
    private OnDemandLayerSource source;
    private double lastProgress;
    private double prefetched;
    private boolean done;

    /**
     * @param kernelSha256 the raw kernel Image's sha256 (hex) at {@code kernelUrl}, which a boot snapshot must have
     *     been made on; null when the page does not say (then no snapshot is used)
     * @param layerArrived called after a layer fetched on demand was handed to the filesystem (wake the guest)
     */
    ImageLoader(String descriptorUrl, String kernelUrl, String kernelSha256, Listener listener, Runnable layerArrived) {
        this.descriptorUrl = descriptorUrl;
        this.kernelUrl = kernelUrl;
        this.kernelSha256 = kernelSha256;
        this.listener = listener;
        this.layerArrived = layerArrived;
    }

    void start() {
        Blobs.fetchText(descriptorUrl).then(text -> guard(() -> {
            Marks.mark("descriptorFetched");
            image = DescriptorReader.read(descriptorUrl, JsJson.text(text));
            blobBase = WorkerScope.resolve(image.blobs(), descriptorUrl);
            BootChoice choice = BootChoice.of(image, kernelSha256, MachineSnapshot.FORMAT_VERSION,
                    MachineSnapshot.EMULATOR_VERSION);
            if (choice.resume()) {
                fetchSnapshot(choice.snapshot());
            } else {
                if (choice.notice() != null) {
                    listener.notice(choice.notice());
                }
                fetchKernel();
            }
            startLayers();
        }), this::rejected);
    }

    /**
     * The snapshot could not be restored ({@code why}): say so, fetch the kernel and call {@link Listener#loaded}
     * again with it.
     */
    void bootCold(String why) {
        snapshot = null;
        delivered = false;
        listener.notice(BootSnapshot.notice(why));
        fetchKernel();
    }

    /** The boot snapshot, verified against the descriptor and inflated; any failure falls back to the kernel. */
    private void fetchSnapshot(BootSnapshot wanted) {
        snapshotSize = wanted.size();
        String url = blobUrl(wanted.digest());
        Blobs.fetchVerified(url, wanted.hex(), wanted.size(), bytes -> {
            snapshotReceived = bytes;
            progress(false);
        }, SpanFetcher.JAVA_SHA256)
                .flatThen(bytes -> {
                    Marks.mark("snapshotFetched");
                    if (wanted.split()) {
                        ColdPart.shared().fetchWith(() -> fetchColdPart(wanted)); // from the prompt on
                    }
                    return Blobs.gunzip(bytes, url);
                })
                .then(raw -> {
                    if (ColdPart.shared().failure() != null) {
                        return null; // the second part failed first: the kernel is on its way instead
                    }
                    try {
                        Marks.mark("snapshotInflated");
                        snapshot = Int8Array.create(raw).copyToJavaArray();
                        Marks.mark("snapshotCopied");
                    } catch (Throwable e) {
                        snapshotFailed(e.getMessage() != null ? e.getMessage() : e.toString());
                        return null;
                    }
                    return guard(this::maybeLoaded);
                }, error -> {
                    snapshotFailed(Blobs.reason((JSObject) error));
                    return null;
                });
    }

    /**
     * A split snapshot's second part, fetched once a guest resumed from the first shows its prompt or needs
     * a page of it ({@link ColdPart#start}, marked coldPartAtPrompt or coldPartNeeded): verified, inflated and handed to every machine resumed from the
     * first part. If it fails before the first part is delivered, the snapshot is not used at all.
     */
    private void fetchColdPart(BootSnapshot wanted) {
        Marks.mark(ColdPart.shared().neededBeforePrompt() ? "coldPartNeeded" : "coldPartAtPrompt");
        if (ColdPart.shared().neededWhere() != null) {
            Marks.mark("coldPartNeededAt-" + ColdPart.shared().neededWhere());
        }
        String url = blobUrl(wanted.coldDigest());
        Blobs.fetchVerified(url, dev.termpress.runtime.boot.Digests.hex(wanted.coldDigest()), wanted.coldSize(),
                bytes -> { }, SpanFetcher.JAVA_SHA256)
                .flatThen(bytes -> {
                    Marks.mark("coldPartFetched");
                    return Blobs.gunzip(bytes, url);
                })
                .then(raw -> {
                    try {
                        byte[] pages = Int8Array.create(raw).copyToJavaArray();
                        Marks.mark("coldPartApplied");
                        ColdPart.shared().arrived(pages);
                    } catch (Throwable e) {
                        coldPartFailed(e.getMessage() != null ? e.getMessage() : e.toString());
                    }
                    return null;
                }, error -> {
                    coldPartFailed(Blobs.reason((JSObject) error));
                    return null;
                });
    }

    private void coldPartFailed(String why) {
        ColdPart.shared().failed(why);
        if (!delivered && !done && !kernelRequested) {
            // Not resumed yet: resume nothing, boot the kernel (one line says why).
            snapshotFailed(ColdPart.shared().failure());
        }
    }

    private void snapshotFailed(String why) {
        snapshot = null;
        snapshotSize = 0;
        snapshotReceived = 0;
        listener.notice(BootSnapshot.notice(why));
        fetchKernel();
    }

    private void fetchKernel() {
        if (kernelRequested) {
            maybeLoaded();
            return;
        }
        kernelRequested = true;
        Blobs.fetchImmutable(kernelUrl)
                .flatThen(bytes -> {
                    Marks.mark("kernelFetched");
                    return Blobs.gunzip(bytes, kernelUrl);
                })
                .then(raw -> guard(() -> {
                    Marks.mark("kernelInflated");
                    kernel = Int8Array.create(raw).copyToJavaArray();
                    maybeLoaded();
                }), this::rejected);
    }

    private void startLayers() {
        int count = image.layers().size();
        indexes = new LayerIndex[count];
        received = new double[count];
        spanBytes = new double[count];
        wholeInFlight = new boolean[count];
        checkpoints = new InflateCheckpoints[count];
        indexesMissing = count;
        source = new OnDemandLayerSource(count, new OnDemandLayerSource.Fetcher() {
            @Override
            public void fetch(int layer) {
                wholeLayer(layer);
            }

            @Override
            public void fetchSpan(int layer, int span) {
                spans.request(layer, span);
            }
        });
        spans = new SpanFetcher(source, checkpoints, new SpanFetcher.Host() {
            @Override
            public String blobUrl(int layer) {
                return ImageLoader.this.blobUrl(image.layers().get(layer).digest());
            }

            @Override
            public String windowsUrl(int layer) {
                byte[] digest = checkpoints[layer].windowsSha256();
                return WorkerScope.resolve(Sha256.hex(digest, 0, digest.length),
                        WorkerScope.resolve(image.layers().get(layer).index(), descriptorUrl));
            }

            @Override
            public void wholeLayer(int layer) {
                ImageLoader.this.wholeLayer(layer);
            }

            @Override
            public void arrived(int layer, double compressedBytes) {
                spanBytes[layer] += compressedBytes;
                progress(true);
                layerArrived.run();
            }
        });
        progress(true);
        for (int i = 0; i < count; i++) {
            ImageDescriptor.Layer layer = image.layers().get(i);
            int n = i;
            if (layer.index() != null) {
                String indexUrl = WorkerScope.resolve(layer.index(), descriptorUrl);
                Blobs.fetchVerified(indexUrl, hex(layer.indexDigest()), Blobs.UNKNOWN_SIZE, bytes -> { },
                                SpanFetcher.JAVA_SHA256)
                        .flatThen(bytes -> isGzip(bytes) ? Blobs.gunzip(bytes, indexUrl) : JSPromise.resolve(bytes))
                        .then(bytes -> guard(() -> {
                            indexes[n] = LayerIndex.fromBytes(Int8Array.create(bytes).copyToJavaArray());
                            if (layer.gzip() && indexes[n].checkpoints() != null) {
                                useSpansUnlessCached(n, indexes[n].checkpoints());
                            } else {
                                prefetchIfSmall(n);
                                indexFound();
                            }
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

    /**
     * Reads of a layer with checkpoints go span by span, unless the whole blob is in the Cache API already
     * (an earlier visit read it whole): then the whole blob, which costs no download.
     */
    private void useSpansUnlessCached(int n, InflateCheckpoints layerCheckpoints) throws ImageFormatException {
        ImageDescriptor.Layer layer = image.layers().get(n);
        if (layerCheckpoints.blobSize() != layer.size()) {
            // Spans of another blob would be asked for past this one's end or verified against the wrong bytes.
            JsErrors.warn("termpress: the index of layer " + n + " has checkpoints for a " + layerCheckpoints.blobSize()
                    + "-byte blob, the image descriptor says " + layer.size() + "; reading the whole layer");
            indexFound();
            return;
        }
        Blobs.isCached(layer.hex()).then(cached -> guard(() -> {
            if (!cached.booleanValue()) {
                checkpoints[n] = layerCheckpoints;
                source.useSpans(n, layerCheckpoints);
            }
            indexFound();
        }), this::rejected);
    }

    /** Starts fetching layer {@code n} whole now when it is small enough for what is left of the budget. */
    private void prefetchIfSmall(int n) {
        double size = image.layers().get(n).size();
        if (prefetched + size <= PREFETCH_BUDGET_BYTES) {
            prefetched += size;
            wholeLayer(n);
        }
    }

    /** A gzip-compressed index (format version 2) rather than the bytes themselves ("TPLI"). */
    private static boolean isGzip(ArrayBuffer bytes) {
        Int8Array head = Int8Array.create(bytes);
        return head.getLength() >= 2 && head.get(0) == (byte) 0x1f && head.get(1) == (byte) 0x8b;
    }

    /** The filesystem's first read of a layer that has an index but whose bytes are not here (once at a time). */
    private void wholeLayer(int n) {
        if (wholeInFlight[n] || source.has(n)) {
            return;
        }
        wholeInFlight[n] = true;
        downloadLayer(n).then(buffer -> guard(() -> {
            wholeInFlight[n] = false;
            received[n] = image.layers().get(n).size();
            progress(true); // the last progress before it may have been dropped by the rate limit
            source.supply(n, Int8Array.create(buffer).copyToJavaArray());
            layerArrived.run();
        }), error -> {
            wholeInFlight[n] = false;
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
        }, SpanFetcher.JAVA_SHA256);
        return layer.gzip() ? blob.flatThen(bytes -> Blobs.gunzip(bytes, url)) : blob;
    }

    private void indexFound() throws ImageFormatException {
        indexesMissing--;
        if (indexesMissing == 0) {
            Marks.mark("indexesLoaded");
            if (!done && !delivered && (kernel == null && snapshot == null)) {
                listener.indexesLoaded(image, indexList(), source);
            }
        }
        maybeLoaded();
    }

    private void maybeLoaded() {
        if (done || delivered || kernel == null && snapshot == null || image == null || indexes == null
                || indexesMissing > 0) {
            return;
        }
        delivered = true;
        progress(true);
        List<LayerIndex> list = indexList();
        byte[] resumeFrom = snapshot;
        snapshot = null; // held by the session from here; a failed restore must not retry it
        listener.loaded(resumeFrom == null ? kernel : null, resumeFrom, image, list, source);
    }

    private List<LayerIndex> indexList() {
        List<LayerIndex> list = new ArrayList<>(indexes.length);
        for (LayerIndex index : indexes) {
            list.add(index);
        }
        return list;
    }

    private void progress(boolean force) {
        double now = WorkerScope.now();
        if (!force && now - lastProgress < PROGRESS_INTERVAL_MILLIS) {
            return;
        }
        lastProgress = now;
        double total = snapshotReceived;
        for (int i = 0; received != null && i < received.length; i++) {
            total += received[i] + spanBytes[i];
        }
        WorkerScope.postStatus("downloading", total, image.layersSize() + snapshotSize);
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
        if (!done && !delivered) {
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
