package dev.termpress.sitetests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A local HTTP server for the guest's network in the browser, on another port than the site (so another origin):
 * under {@code /cors/} it lets any page read it ({@code Access-Control-Allow-Origin: *}), under {@code /plain/}
 * it sends no CORS headers, which the browser then refuses to hand the page. {@code /cors/bytes?N} answers N
 * bytes (benchmarks); {@code /cors/hello} and {@code /plain/hello} one line each.
 */
final class GuestHttpServer implements AutoCloseable {

    static final String HELLO = "hello from a server that allows CORS";
    private static final int MAX_BYTES = 64 << 20;

    private final HttpServer server;

    GuestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/cors/", exchange -> answer(exchange, true));
        server.createContext("/plain/", exchange -> answer(exchange, false));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, boolean cors) throws IOException {
        try (exchange) {
            if (cors) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/bytes")) {
                int count = Math.min(MAX_BYTES, Integer.parseInt(exchange.getRequestURI().getQuery()));
                exchange.sendResponseHeaders(200, count);
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ('a' + i % 26);
                }
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int left = count; left > 0; left -= block.length) {
                        out.write(block, 0, Math.min(left, block.length));
                    }
                }
                return;
            }
            byte[] body = ((cors ? HELLO : "this server sends no CORS headers") + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
