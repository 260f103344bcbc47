package dev.termpress.sitetests;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.termpress.generator.serve.ByteRange;
import dev.termpress.generator.serve.ContentNamedFiles;
import dev.termpress.generator.serve.GzipCache;
import dev.termpress.generator.serve.MimeTypes;
import dev.termpress.generator.serve.TransportCompression;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A static host that lets browsers cache what never changes, as a site's production host can be configured
 * to: files named by their content (the runtime's hashed files, blobs and layer indexes) are sent with a
 * year-long immutable {@code Cache-Control}, everything else with {@code no-cache} and an {@code ETag}.
 * ({@code termpress serve} now marks content-named files the same way, through {@link ContentNamedFiles};
 * this host also revalidates the rest with an {@code ETag}.) GET and HEAD, with single byte ranges
 * (RFC 9110 §14), which the runtime's per-span layer reads need. Text-like files go gzip-coded to clients that
 * accept it, as production hosts send them ({@link TransportCompression}; a coded answer has its own {@code ETag}).
 */
final class CachingHost implements AutoCloseable {

    /** RFC 9111 §5.2.2.4: store, but revalidate before every use. */
    static final String REVALIDATE = "no-cache";

    private final Path site;
    private final GzipCache gzipCache = new GzipCache();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "termpress-caching-host");
        thread.setDaemon(true);
        return thread;
    });

    /** Serves {@code site} (a built site) on a free localhost port below {@link ServedSite#SUB_PATH}. */
    CachingHost(Path site) throws IOException {
        this.site = site.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(ServedSite.SUB_PATH, this::handle);
        server.start();
    }

    /** The absolute URL of a page path such as {@code debian/}. */
    String url(String page) {
        return "http://localhost:" + server.getAddress().getPort() + ServedSite.SUB_PATH + page;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String relative = exchange.getRequestURI().getPath().substring(ServedSite.SUB_PATH.length());
            Path file = site.resolve(relative).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Headers headers = exchange.getResponseHeaders();
            String name = file.getFileName().toString();
            headers.set("Content-Type", MimeTypes.of(name));
            boolean compressible = TransportCompression.compressible(name);
            String rangeHeader = exchange.getRequestHeaders().getFirst("Range");
            boolean gzip = compressible && rangeHeader == null
                    && TransportCompression.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            if (compressible) {
                headers.set("Vary", TransportCompression.VARY);
            }
            // RFC 9110 §8.8.3: a strong validator names one representation, so the coded one gets its own.
            String etag = "\"" + Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis()
                    + (gzip ? "-gzip" : "") + "\"";
            headers.set("ETag", etag);
            headers.set("Cache-Control", ContentNamedFiles.contains(relative) ? ContentNamedFiles.CACHE_FOREVER : REVALIDATE);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            if (gzip) {
                headers.set("Content-Encoding", TransportCompression.GZIP);
                byte[] coded = gzipCache.gzipped(file);
                if (method.equals("HEAD")) {
                    headers.set("Content-Length", String.valueOf(coded.length));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, coded.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(coded);
                }
                return;
            }
            byte[] body = Files.readAllBytes(file);
            headers.set("Accept-Ranges", "bytes");
            ByteRange.Outcome range = ByteRange.parse(rangeHeader, body.length);
            if (range instanceof ByteRange.Unsatisfiable) {
                headers.set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            int status = 200;
            int start = 0;
            int count = body.length;
            if (range instanceof ByteRange.Partial partial) {
                status = 206;
                start = (int) partial.range().start();
                count = (int) partial.range().length();
                headers.set("Content-Range", partial.range().contentRange(body.length));
            }
            if (method.equals("HEAD")) {
                headers.set("Content-Length", String.valueOf(count));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, start, count);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
