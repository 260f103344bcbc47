package dev.termpress.generator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A registry in the JDK's HttpServer that serves OCI image layouts: tags map to manifest digests
 * (tests move them), blobs answer Range requests, and a blob can be cut mid-way once or corrupted.
 */
final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    /** Every request: "GET /v2/...", plus " Range=..." when one was sent. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Blobs whose next answer stops after this many bytes and drops the connection. */
    final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    /** Blobs whose next answer stops after this many bytes and then sends nothing, keeping the connection open. */
    final Map<String, Integer> stallOnce = new ConcurrentHashMap<>();
    /**
     * Blobs whose answers wait until the latch's count of requests arrived (or 2 s passed), then send
     * half, pause and send the rest: two concurrent downloads of one blob overlap for sure.
     */
    final Map<String, CountDownLatch> meet = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Blobs answered with one byte flipped. */
    final Set<String> corrupt = ConcurrentHashMap.newKeySet();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", this::handle);
        // A thread per exchange, so that a stalled answer does not hold back the next request.
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-registry");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves every blob of the layout and tags its (first) index entry {@code tag}; returns the manifest digest. */
    String addLayout(Path layout, String tag) throws IOException {
        try (var files = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : files.toList()) {
                blobs.put("sha256:" + blob.getFileName(), Files.readAllBytes(blob));
            }
        }
        JsonNode entry = new ObjectMapper().readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
        String digest = entry.path("digest").asText();
        types.put(digest, entry.path("mediaType").asText());
        tags.put(tag, digest);
        return digest;
    }

    /** Adds a raw manifest or index and returns its digest. */
    String addManifest(String json, String mediaType) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String digest = BlobCache.digestOf(bytes);
        blobs.put(digest, bytes);
        types.put(digest, mediaType);
        return digest;
    }

    void tag(String tag, String digest) {
        tags.put(tag, digest);
    }

    void forget(String digest) {
        blobs.remove(digest);
    }

    int requestCount() {
        return requests.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " Range=" + range));
        int manifests = path.indexOf("/manifests/");
        int blobAt = path.indexOf("/blobs/");
        if (manifests > 0) {
            String name = path.substring(manifests + "/manifests/".length());
            String digest = name.startsWith("sha256:") ? name : tags.get(name);
            byte[] bytes = digest == null ? null : blobs.get(digest);
            if (bytes == null) {
                reply(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes());
                return;
            }
            ex.getResponseHeaders().add("Docker-Content-Digest", digest);
            reply(ex, 200, types.getOrDefault(digest, "application/vnd.oci.image.manifest.v1+json"), bytes);
        } else if (blobAt > 0) {
            String digest = path.substring(blobAt + "/blobs/".length());
            byte[] bytes = blobs.get(digest);
            if (bytes == null) {
                reply(ex, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}".getBytes());
                return;
            }
            if (corrupt.contains(digest)) {
                bytes = bytes.clone();
                bytes[bytes.length / 2] ^= 1;
            }
            int start = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                start = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            }
            Integer cut = cutOnce.remove(digest);
            Integer stall = stallOnce.remove(digest);
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            if (start > 0) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
            }
            ex.sendResponseHeaders(start > 0 ? 206 : 200, bytes.length - start);
            OutputStream out = ex.getResponseBody();
            if (stall != null) {
                out.write(bytes, start, stall);
                out.flush();
                try {
                    stopped.await(); // silent until the registry is closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("stalled after " + stall + " bytes, as the test asked");
            }
            if (cut != null) {
                out.write(bytes, start, cut);
                out.flush();
                // A handler that throws makes the server close the connection: a download cut mid-way.
                throw new IOException("cut after " + cut + " bytes, as the test asked");
            }
            CountDownLatch meeting = meet.get(digest);
            if (meeting != null) {
                meeting.countDown();
                try {
                    meeting.await(2, TimeUnit.SECONDS);
                    int half = start + (bytes.length - start) / 2;
                    out.write(bytes, start, half - start);
                    out.flush();
                    Thread.sleep(200);
                    start = half;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(bytes, start, bytes.length - start);
            ex.close();
        } else {
            reply(ex, 404, "text/plain", new byte[0]);
        }
    }

    /** Answers {@code ex} with {@code body} (none when empty) and closes it; other test servers here use it too. */
    static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
