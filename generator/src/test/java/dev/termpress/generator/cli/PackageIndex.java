package dev.termpress.generator.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A PEP 503 "simple" package index of one wheel on a test HTTP server: {@code /simple/PROJECT/} lists
 * the wheel with its sha256 (pip checks it), {@code /files/NAME} serves it; anything else is 404.
 */
final class PackageIndex {

    private final TestWheel wheel;

    PackageIndex(TestWheel wheel) {
        this.wheel = wheel;
    }

    void serveOn(HttpServer server) {
        server.createContext("/", this::answer);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/simple/" + wheel.project() + "/")) {
            String digest = HexFormat.of().formatHex(TestWheel.sha256(wheel.bytes()));
            String html = "<!DOCTYPE html>\n<html><body>\n<a href=\"/files/" + wheel.fileName() + "#sha256=" + digest + "\">"
                    + wheel.fileName() + "</a>\n</body></html>\n";
            send(exchange, 200, "text/html", html.getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/files/" + wheel.fileName())) {
            send(exchange, 200, "application/octet-stream", wheel.bytes());
        } else {
            send(exchange, 404, "text/plain", "not in this index\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
