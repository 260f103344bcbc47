package dev.termpress.sitetests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebAssembly back-end spike in Chromium (docs/benchmarks.md, "WebAssembly back end: how generated
 * code reaches RAM"): serves the spike page with runtime-web's jit-spike build and reads what its
 * worker measured, {@code termpress.bench.runs} times in fresh pages, each way interleaved in every
 * run; prints the median and range of guest M instructions per second, and fails when a translated
 * form does not leave the interpreter's state. Run:
 * <pre>
 * mvn -B -ntp -q -Pjit-spike -pl runtime-web -am process-classes
 * mvn -B -ntp -q -Pjit-spike-bench -pl site-tests -am package -DskipTests
 * </pre>
 */
public final class JitSpikeBenchmark {
    private static final List<String> WAYS = List.of("interpreter", "translator", "javaLoop", "gcArrays", "linearMemory",
            "accessors", "javaScript");

    private JitSpikeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path build = Path.of(System.getProperty("termpress.jitSpike",
                "../runtime-web/target/jit-spike")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(build.resolve("jit-spike.wasm"))) {
            throw new IllegalStateException("no " + build.resolve("jit-spike.wasm")
                    + ": build it first with mvn -Pjit-spike -pl runtime-web -am process-classes");
        }
        int runs = Integer.getInteger("termpress.bench.runs", 5);
        double seconds = Double.parseDouble(System.getProperty("termpress.bench.seconds", "1.5"));
        HttpServer server = serve(build);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html?seconds=" + seconds;
        Map<String, List<Double>> mips = new LinkedHashMap<>();
        Map<String, List<Double>> callNanos = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        System.out.printf("%s UTC, load average %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                BrowserBenchmark.loadAverage());
        try (Chromium chromium = Chromium.launch()) {
            for (int run = 1; run <= runs; run++) {
                JsonNode result;
                try (BrowserContext context = chromium.browser().newContext()) {
                    Page page = context.newPage();
                    page.navigate(url);
                    page.waitForFunction("() => window.spikeResult !== undefined", null,
                            new Page.WaitForFunctionOptions().setTimeout(600_000));
                    result = json.readTree(json.writeValueAsString(page.evaluate("() => window.spikeResult")));
                }
                if (result.has("error")) {
                    throw new IllegalStateException("the spike failed: " + result.get("error").asText());
                }
                if (run == 1) {
                    System.out.println(result.get("userAgent").asText());
                }
                check(result.get("checks"));
                StringBuilder line = new StringBuilder("run " + run + ", load " + BrowserBenchmark.loadAverage() + ":");
                for (String way : WAYS) {
                    double value = result.get("mips").path(way).asDouble(Double.NaN);
                    mips.computeIfAbsent(way, k -> new ArrayList<>()).add(value);
                    line.append(String.format(" %s %.0f", way, value));
                }
                result.path("callNanos").fields().forEachRemaining(e ->
                        callNanos.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asDouble()));
                System.out.println(line);
            }
        } finally {
            server.stop(0);
        }
        System.out.println("guest M instructions/s, median (min-max) of " + runs + " runs:");
        for (Map.Entry<String, List<Double>> e : mips.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            v.sort(null);
            System.out.printf("  %-13s %7.0f  (%.0f-%.0f)%n", e.getKey(), v.get(v.size() / 2), v.get(0), v.get(v.size() - 1));
        }
        for (Map.Entry<String, List<Double>> e : callNanos.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            v.sort(null);
            System.out.printf("  call from Java, %s: %.0f ns per call of a 6-instruction block (median)%n",
                    e.getKey(), v.get(v.size() / 2));
        }
        System.out.printf("load average at the end %s%n", BrowserBenchmark.loadAverage());
    }

    /** Every way must leave t1 and the buffer as the interpreter does. */
    private static void check(JsonNode checks) {
        JsonNode expected = checks.get("expected");
        checks.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(expected)) {
                throw new IllegalStateException(e.getKey() + " left " + e.getValue() + ", the interpreter " + expected);
            }
        });
    }

    /** A static server for the page and worker (class path) and the TeaVM build ({@code build}). */
    private static HttpServer serve(Path build) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = null;
            if (name.matches("[a-z0-9.-]+")) {
                Path file = build.resolve(name);
                if (Files.isRegularFile(file)) {
                    body = Files.readAllBytes(file);
                } else {
                    try (InputStream in = JitSpikeBenchmark.class.getResourceAsStream("/jit-spike/" + name)) {
                        body = in == null ? null : in.readAllBytes();
                    }
                }
            }
            String type = name.endsWith(".wasm") ? "application/wasm" : name.endsWith(".js") ? "text/javascript"
                    : "text/html; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
