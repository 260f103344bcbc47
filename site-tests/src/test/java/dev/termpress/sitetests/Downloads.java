package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * What a browser context fetched over the network (its pages' and workers' requests), in response body bytes
 * per kind of file, as sent on the wire (gzip-coded where the host coded it) and decoded. Answers from the Cache API never reach the network and do not count; answers from the
 * HTTP cache count with the bytes Chromium reports for them (none).
 */
final class Downloads {

    /** What a site file is for, told by its path (docs/image-descriptor.md, docs/architecture.md). */
    enum Kind {
        PAGE("page (HTML, theme)"),
        RUNTIME_WASM("runtime wasm"),
        RUNTIME_JS("runtime js/css"),
        KERNEL("kernel"),
        DESCRIPTOR("descriptor"),
        LAYER_INDEX("layer indexes"),
        SNAPSHOT("boot snapshot"),
        SNAPSHOT_COLD("boot snapshot, 2nd part"),
        BLOB("layer blobs");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final List<Request> finished = new CopyOnWriteArrayList<>();
    private final List<Request> failed = new CopyOnWriteArrayList<>();
    private final Set<String> snapshotBlobs;
    private final Set<String> coldBlobs;

    /** Starts counting every request of {@code context} that finishes from now on. */
    Downloads(BrowserContext context) {
        this(context, Set.of());
    }

    /** The same, counting the blobs named {@code snapshotBlobs} (64 hex digits each) as boot snapshots. */
    Downloads(BrowserContext context, Set<String> snapshotBlobs) {
        this(context, snapshotBlobs, Set.of());
    }

    /** The same, counting the blobs named {@code coldBlobs} as boot snapshots' second parts. */
    Downloads(BrowserContext context, Set<String> snapshotBlobs, Set<String> coldBlobs) {
        this.snapshotBlobs = Set.copyOf(snapshotBlobs);
        this.coldBlobs = Set.copyOf(coldBlobs);
        context.onRequestFinished(finished::add);
        context.onRequestFailed(failed::add);
    }

    /** Forgets what was counted so far. */
    void clear() {
        finished.clear();
        failed.clear();
    }

    /** Response body bytes on the wire per kind (every kind present, zero when nothing of it was fetched). */
    Map<Kind, Long> bytes() {
        return sum(request -> Math.max(0, request.sizes().responseBodySize));
    }

    /**
     * {@link #bytes} of the requests made before {@code epochMillis} (milliseconds since 1970): what a page
     * needed before a moment, without what it asked for right after it and got before the count was taken.
     */
    Map<Kind, Long> bytesRequestedBefore(double epochMillis) {
        return sum(request -> requestedBefore(request, epochMillis) ? Math.max(0, request.sizes().responseBodySize) : 0);
    }

    /** {@link #decodedBytes} of the requests made before {@code epochMillis}. */
    Map<Kind, Long> decodedBytesRequestedBefore(double epochMillis) {
        return sum(request -> requestedBefore(request, epochMillis) ? decodedSize(request) : 0);
    }

    private static boolean requestedBefore(Request request, double epochMillis) {
        double start = request.timing().startTime;
        return Double.isNaN(epochMillis) || start <= 0 || start <= epochMillis;
    }

    /**
     * Response body bytes once decoded, per kind: what the wire carried for answers without a content coding,
     * the inflated body for coded ones.
     */
    Map<Kind, Long> decodedBytes() {
        return sum(Downloads::decodedSize);
    }

    private static long decodedSize(Request request) {
        long wire = Math.max(0, request.sizes().responseBodySize);
        Response response = request.response();
        if (response == null || response.headerValue("content-encoding") == null || wire == 0) {
            return wire;
        }
        return (long) response.body().length; // Chromium hands back the decoded body
    }

    private Map<Kind, Long> sum(ToLongFunction<Request> size) {
        Map<Kind, Long> bytes = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            bytes.put(kind, 0L);
        }
        for (Request request : new ArrayList<>(finished)) {
            bytes.merge(kindOf(request), size.applyAsLong(request), Long::sum);
        }
        return bytes;
    }

    private Kind kindOf(Request request) {
        Kind kind = kind(request.url());
        if (kind == Kind.BLOB && snapshotBlobs.contains(name(request.url()))) {
            return Kind.SNAPSHOT;
        } else if (kind == Kind.BLOB && coldBlobs.contains(name(request.url()))) {
            return Kind.SNAPSHOT_COLD;
        }
        return kind;
    }

    /** Response body bytes of every request counted. */
    long total() {
        return bytes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests that failed (URL and reason), for a diagnosis. */
    List<String> failures() {
        List<String> lines = new ArrayList<>();
        for (Request request : failed) {
            lines.add(request.url() + ": " + request.failure());
        }
        return lines;
    }

    private static String name(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The kind of a site URL (a boot snapshot counts as a blob here: only its digest tells it apart). */
    static Kind kind(String url) {
        String path = URI.create(url).getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.contains("/assets/runtime/")) {
            if (name.endsWith(".wasm")) {
                return Kind.RUNTIME_WASM;
            }
            return name.startsWith("Image.") ? Kind.KERNEL : Kind.RUNTIME_JS;
        }
        if (path.contains("/images/indexes/")) {
            return Kind.LAYER_INDEX;
        }
        if (path.contains("/images/blobs/")) {
            return Kind.BLOB;
        }
        if (path.contains("/images/") && name.endsWith(".json")) {
            return Kind.DESCRIPTOR;
        }
        return Kind.PAGE;
    }
}
