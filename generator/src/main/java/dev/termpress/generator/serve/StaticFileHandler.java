package dev.termpress.generator.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a built site the way static hosts do: {@code dir/} serves {@code dir/index.html},
 * {@code dir} redirects to {@code dir/}, missing files get {@code 404.html}; plus byte ranges, and gzip on the
 * wire for text-like files when the client accepts it ({@link TransportCompression}; never for a range), and
 * validators with 304 answers to conditional GETs ({@link Validators}).
 */
final class StaticFileHandler implements HttpHandler {

    private static final String INDEX = "index.html";
    private static final String NOT_FOUND = "404.html";
    private static final String BODY_END = "</body>";

    private final Path root;
    private final boolean liveReload;
    private final GzipCache gzipCache = new GzipCache();

    StaticFileHandler(Path root, boolean liveReload) {
        this.root = root.toAbsolutePath().normalize();
        this.liveReload = liveReload;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Path file = resolve(path);
            if (file != null && Files.isDirectory(file)) {
                if (!path.endsWith("/")) {
                    // Pages use relative URLs, which only resolve right from "dir/".
                    String query = exchange.getRequestURI().getRawQuery();
                    exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath() + "/"
                            + (query == null ? "" : "?" + query));
                    exchange.sendResponseHeaders(301, -1);
                    return;
                }
                file = file.resolve(INDEX);
            }
            if (file == null || !Files.isRegularFile(file)) {
                Path notFound = root.resolve(NOT_FOUND);
                send(exchange, Files.isRegularFile(notFound) ? notFound : null, 404, head);
                return;
            }
            send(exchange, file, 200, head);
        }
    }

    /**
     * Content-named files may stay in the browser's cache (a warm visit then fetches no runtime); anything
     * else is checked again on every request, so edits show up at once.
     */
    private String cacheControl(Path file, int status) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return status == 200 && ContentNamedFiles.contains(relative) ? ContentNamedFiles.CACHE_FOREVER : "no-cache";
    }

    /** The file for a request path, or {@code null} if it would leave the root. */
    private Path resolve(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) ? file : null;
    }

    private void send(HttpExchange exchange, Path file, int status, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", file == null ? "no-cache" : cacheControl(file, status));
        if (file == null) {
            byte[] body = "404 not found\n".getBytes(StandardCharsets.UTF_8);
            headers.set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            return;
        }
        String name = file.getFileName().toString();
        String type = MimeTypes.of(name);
        headers.set("Content-Type", type);
        boolean compressible = TransportCompression.compressible(name);
        if (compressible) {
            headers.set("Vary", TransportCompression.VARY);
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        // A range counts bytes of the file as it is (RFC 9110 §14.1.2), so a ranged answer is never coded.
        boolean gzip = compressible && (range == null || status != 200)
                && TransportCompression.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
        boolean inject = liveReload && type.startsWith("text/html");
        if (status == 200) {
            // Each representation has its own tag: the file as it is, gzip-coded, with the reload script.
            Validators validators = Validators.of(file, (inject ? "lr" : "") + (gzip ? "gz" : ""));
            validators.addTo(headers);
            if (validators.notModified(exchange.getRequestHeaders())) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
        }
        if (inject) {
            byte[] page = injectScript(Files.readAllBytes(file));
            if (gzip) {
                headers.set("Content-Encoding", TransportCompression.GZIP);
                page = TransportCompression.gzip(page);
            }
            sendBytes(exchange, page, status, head);
            return;
        }
        if (gzip) {
            headers.set("Content-Encoding", TransportCompression.GZIP);
            sendBytes(exchange, gzipCache.gzipped(file), status, head);
            return;
        }
        long length = Files.size(file);
        headers.set("Accept-Ranges", "bytes");
        ByteRange.Outcome outcome = status == 200
                ? ByteRange.parse(range, length)
                : new ByteRange.Whole();
        if (outcome instanceof ByteRange.Unsatisfiable) {
            headers.set("Content-Range", "bytes */" + length);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        long start = 0;
        long count = length;
        if (outcome instanceof ByteRange.Partial partial) {
            start = partial.range().start();
            count = partial.range().length();
            status = 206;
            headers.set("Content-Range", partial.range().contentRange(length));
        }
        if (head) {
            headers.set("Content-Length", String.valueOf(count));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(start);
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static void sendBytes(HttpExchange exchange, byte[] body, int status, boolean head) throws IOException {
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] injectScript(byte[] html) {
        String page = new String(html, StandardCharsets.UTF_8);
        int end = page.lastIndexOf(BODY_END);
        String injected = end < 0 ? page + LiveReload.SCRIPT
                : page.substring(0, end) + LiveReload.SCRIPT + page.substring(end);
        return injected.getBytes(StandardCharsets.UTF_8);
    }
}
