package dev.termpress.emulator.translate.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a script in headless Chromium, for modules that need WebAssembly GC (node 20 has none): a small
 * HTTP server on the loopback serves the page and receives what the script returns (or its error) in
 * a POST. Skipped where there is no Chromium ({@code -Dtermpress.chromium=PATH}, default Debian's).
 */
final class ChromiumWasm {
    private ChromiumWasm() {
    }

    /** Runs {@code script} (the body of an async function; it may await) and returns what it returns, as text. */
    static String run(String script) throws IOException, InterruptedException {
        Path chromium = chromium();
        assumeTrue(chromium != null, "no Chromium; WebAssembly GC execution skipped");
        byte[] page = ("<html><body><script>\n(async () => {\n" + script + "\n})().then("
                + "(v) => fetch('/result', {method: 'POST', body: 'ok:' + v}),"
                + " (e) => fetch('/result', {method: 'POST', body: 'error:' + e + '\\n' + e.stack}));\n"
                + "</script></body></html>\n").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<String> result = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = page;
            if (exchange.getRequestMethod().equals("POST")) {
                result.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path profile = Files.createTempDirectory("wasm-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=" + profile, "http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String text = result.get(180, TimeUnit.SECONDS);
            if (!text.startsWith("ok:")) {
                throw new AssertionError("the script failed in Chromium: " + text);
            }
            return text.substring(3);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no result from Chromium", e);
        } finally {
            // Chromium's helper processes outlive the browser process for a moment and keep writing
            // into the profile: end them all before deleting it.
            java.util.List<ProcessHandle> helpers = p.descendants().toList();
            p.destroy();
            helpers.forEach(ProcessHandle::destroy);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            for (ProcessHandle h : helpers) {
                h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
            }
            server.stop(0);
            deleteTree(profile);
        }
    }

    private static Path chromium() {
        String configured = System.getProperty("termpress.chromium");
        for (String candidate : new String[] {configured, "/usr/lib/chromium/chromium", "/usr/bin/chromium"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Deletes the profile; a file a helper still wrote leaves it behind in the temp dir (no test failure). */
    private static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (var paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
