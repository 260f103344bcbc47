package dev.termpress.generator.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on 127.0.0.1 that sends every request, whatever host it names, to one target
 * ({@code 127.0.0.1:PORT}): absolute-form GETs (plain HTTP through a proxy) are forwarded with their
 * request line in origin form; CONNECT (HTTPS) opens a tunnel to a registry that speaks only plain
 * HTTP (it answers the TLS hello with an HTTP error, as such a server does). When it has a login, requests without
 * the matching {@code Proxy-Authorization} get 407 with a Basic challenge.
 */
final class TestProxy implements AutoCloseable {

    /** One request as the proxy saw it. */
    record Seen(String requestLine, String proxyAuthorization) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final int targetPort;
    private final String expectedAuthorization;

    /** @param expectedAuthorization the whole header value the proxy wants ("Basic ..."), or {@code null} for none */
    TestProxy(int targetPort, String expectedAuthorization) throws IOException {
        this.targetPort = targetPort;
        this.expectedAuthorization = expectedAuthorization;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "test-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread thread = new Thread(() -> serve(client), "test-proxy-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                String auth = null;
                StringBuilder forwarded = new StringBuilder();
                for (int i = 1; i < lines.length; i++) {
                    String lower = lines[i].toLowerCase(Locale.ROOT);
                    if (lower.startsWith("proxy-authorization:")) {
                        auth = lines[i].substring(lines[i].indexOf(':') + 1).strip();
                    } else if (!lower.startsWith("connection:") && !lower.startsWith("proxy-connection:")) {
                        forwarded.append(lines[i]).append("\r\n");
                    }
                }
                seen.add(new Seen(lines[0], auth));
                if (expectedAuthorization != null && !expectedAuthorization.equals(auth)) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                String[] request = lines[0].split(" ");
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                if (request[0].equals("CONNECT")) {
                    // The tunnel's far end is a registry that speaks plain HTTP: it answers the TLS hello in HTTP.
                    target.close();
                    out.write(("HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.0 400 Bad Request\r\n\r\n"
                            + "Client sent an HTTP request to an HTTPS server.\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return;
                } else {
                    // http://host:port/path -> /path; one request per connection keeps the relaying simple.
                    String path = request[1].replaceFirst("^[a-zA-Z]+://[^/]*", "");
                    target.getOutputStream().write((request[0] + " " + path + " " + request[2] + "\r\n" + forwarded
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                relay(in, out, target);
                return;
            }
        } catch (IOException ignored) {
            // The client went away.
        }
    }

    private static void relay(InputStream clientIn, OutputStream clientOut, Socket target) throws IOException {
        try (target) {
            Thread up = new Thread(() -> {
                try {
                    clientIn.transferTo(target.getOutputStream());
                } catch (IOException ignored) {
                    // Either side closed.
                }
            }, "test-proxy-up");
            up.setDaemon(true);
            up.start();
            target.getInputStream().transferTo(clientOut);
            clientOut.flush();
        }
    }

    /** The request line and headers up to the blank line, or {@code null} at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
