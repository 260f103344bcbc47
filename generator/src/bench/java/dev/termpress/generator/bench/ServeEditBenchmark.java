package dev.termpress.generator.bench;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.BuildResult;
import dev.termpress.generator.build.IncrementalBuilder;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.StagedOutput;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.serve.DevServer;
import dev.termpress.generator.serve.LiveReload;
import dev.termpress.generator.serve.SourceWatcher;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * termpress and Hugo side by side on one generated 1,000-page site ({@link SideBySideSite}): the serve-mode
 * edit loop, timed from the file write to the reload event an open page receives (termpress: body, title and
 * theme edits; {@code hugo server}: body and title edits), and the cold CLI build of both, JVM start included.
 * Medians of {@link #RUNS}; the load average is printed beside them.
 */
public final class ServeEditBenchmark {

    private static final int RUNS = 7;
    private static final int WARMUP = 3;
    private static final int EDITED = 500;

    private ServeEditBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("termpress-serve-bench-");
        try {
            Path termpress = root.resolve("termpress");
            Path hugo = root.resolve("hugo");
            SideBySideSite.writeTermpress(termpress);
            SideBySideSite.writeHugo(hugo);
            System.out.println("load average at start: " + loadAverage());
            termpressServe(termpress);
            // -Dtermpress.bench.hugoServe=false leaves out hugo server (slow on a loaded machine) for a rerun of
            // termpress's own cases; the cold builds still run both.
            if (hugoInstalled() && Boolean.parseBoolean(System.getProperty("termpress.bench.hugoServe", "true"))) {
                hugoServe(hugo);
            }
            coldBuilds(termpress, hugo);
            System.out.println("load average at end: " + loadAverage());
        } finally {
            StagedOutput.deleteTree(root);
        }
    }

    // ---- termpress serve, in process: the same watcher, builder and live-reload channel as ServeCommand ----

    private static void termpressServe(Path site) throws Exception {
        BuildOptions options = BuildOptions.of(site);
        IncrementalBuilder builder = new IncrementalBuilder((spec, out) -> {
            throw new IllegalStateException("the benchmark site has no demo blocks");
        }, Progress.QUIET, false);
        BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
        try (SourceWatcher watcher = new SourceWatcher(site)) {
            System.out.println(builder.build(options).summary());
            try (DevServer server = new DevServer(options.outputDir(), new InetSocketAddress("127.0.0.1", 0), true)) {
                Thread loop = new Thread(() -> serveLoop(watcher, builder, options, server, summaries), "bench-serve");
                loop.setDaemon(true);
                loop.start();
                BlockingQueue<Long> reloads = listen("http://127.0.0.1:" + server.port() + LiveReload.PATH);
                Path page = site.resolve("content/" + SideBySideSite.name(EDITED) + ".md");
                Path css = site.resolve("theme/static/extra.css");
                measure("termpress serve, body edit", reloads, summaries, n -> write(page,
                        SideBySideSite.termpressPage(EDITED, "Page " + EDITED, "\nEdit " + n + ".\n")));
                measure("termpress serve, title edit", reloads, summaries, n -> write(page,
                        SideBySideSite.termpressPage(EDITED, "Page " + EDITED + " v" + n, "")));
                measure("termpress serve, theme edit", reloads, summaries, n -> write(css, "/* edit " + n + " */\n"));
                loop.interrupt();
            }
        }
    }

    private static void serveLoop(SourceWatcher watcher, IncrementalBuilder builder, BuildOptions options,
            DevServer server, BlockingQueue<String> summaries) {
        try {
            while (true) {
                if (!watcher.awaitChange(60_000)) {
                    continue;
                }
                try {
                    BuildResult result = builder.build(options, watcher.takeChanges());
                    server.liveReload().reload();
                    summaries.add(result.serveSummary() + " (" + result.timings() + ")");
                } catch (BuildException e) {
                    server.liveReload().failed(e.getMessage());
                    summaries.add("failed: " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            // the benchmark is over
        }
    }

    /** Reads the live-reload event stream as a page does; each reload event's arrival time lands in the queue. */
    private static BlockingQueue<Long> listen(String url) throws Exception {
        BlockingQueue<Long> reloads = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(line -> {
                    if (line.startsWith(": connected")) {
                        connected.countDown();
                    } else if (line.equals("event: reload")) {
                        reloads.add(System.nanoTime());
                    }
                }));
        // On a loaded machine the stream can take longer to open than the first edit takes to come.
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IOException("the live-reload stream did not open within 60 s");
        }
        return reloads;
    }

    // ---- hugo server, its live reload read over its WebSocket ----

    private static void hugoServe(Path site) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process hugo = new ProcessBuilder("hugo", "server", "--source", site.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--disableFastRender=false").redirectErrorStream(true)
                .redirectOutput(site.resolveSibling("hugo-server.log").toFile()).start();
        try {
            BlockingQueue<Long> reloads = new LinkedBlockingQueue<>();
            WebSocket socket = connectWithRetry(port, reloads);
            socket.sendText("{\"command\":\"hello\",\"protocols\":[\"http://livereload.com/protocols/official-7\"]}", true);
            // Hugo's fast render re-renders the pages a browser has open: open the edited one, as a reader would.
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"
                    + SideBySideSite.name(EDITED) + "/")).build(), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(500);
            reloads.clear();
            Path page = site.resolve("content/" + SideBySideSite.name(EDITED) + ".md");
            measure("hugo server, body edit", reloads, null, n -> write(page,
                    SideBySideSite.hugoPage(EDITED, "Page " + EDITED, "\nEdit " + n + ".\n")));
            measure("hugo server, title edit", reloads, null, n -> write(page,
                    SideBySideSite.hugoPage(EDITED, "Page " + EDITED + " v" + n, "")));
            socket.abort();
        } finally {
            hugo.destroy();
            hugo.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static WebSocket connectWithRetry(int port, BlockingQueue<Long> reloads) throws Exception {
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (data.toString().contains("\"reload\"")) {
                    reloads.add(System.nanoTime());
                }
                webSocket.request(1);
                return null;
            }
        };
        Exception last = null;
        for (int attempt = 0; attempt < 240; attempt++) {
            try {
                return HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/livereload"), listener).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new IOException("hugo server did not answer on port " + port, last);
    }

    // ---- cold CLI builds ----

    private static void coldBuilds(Path termpress, Path hugo) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = launcher();
        System.out.println("termpress cold builds: " + (launcher != null ? launcher + " (jar"
                + (Files.exists(launcher.resolveSibling("generator/target/termpress.jsa")) ? " and its CDS archive)" : ", no CDS archive)")
                : "java -cp (the benchmark's classpath)"));
        List<Long> ours = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path out = termpress.resolveSibling("termpress-out");
            StagedOutput.deleteTree(out);
            ours.add(time(launcher != null
                    ? List.of("sh", launcher.toString(), "build", termpress.toString(), "--out", out.toString())
                    : List.of(java, "-cp", classpath(), "dev.termpress.generator.cli.TermpressCommand", "build",
                            termpress.toString(), "--out", out.toString())));
            if (hugoInstalled()) {
                Path hugoOut = hugo.resolveSibling("hugo-out");
                StagedOutput.deleteTree(hugoOut);
                theirs.add(time(List.of("hugo", "--quiet", "--source", hugo.toString(), "--destination", hugoOut.toString())));
            }
        }
        report("termpress build (cold CLI, JVM start included)", ours);
        if (!theirs.isEmpty()) {
            report("hugo (cold CLI)", theirs);
        }
        // An author's usual case: `build` again over the previous output (termpress writes only what differs).
        List<Long> oursAgain = new ArrayList<>();
        List<Long> theirsAgain = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path out = termpress.resolveSibling("termpress-out");
            oursAgain.add(time(launcher != null
                    ? List.of("sh", launcher.toString(), "build", termpress.toString(), "--out", out.toString())
                    : List.of(java, "-cp", classpath(), "dev.termpress.generator.cli.TermpressCommand", "build",
                            termpress.toString(), "--out", out.toString())));
            if (hugoInstalled()) {
                theirsAgain.add(time(List.of("hugo", "--quiet", "--source", hugo.toString(), "--destination",
                        hugo.resolveSibling("hugo-out").toString())));
            }
        }
        report("termpress build over its previous output", oursAgain);
        if (!theirsAgain.isEmpty()) {
            report("hugo over its previous output", theirsAgain);
        }
    }

    /** The checkout's ./termpress (property termpress.launcher) when its packaged jar is there, else null. */
    private static Path launcher() {
        String property = System.getProperty("termpress.launcher");
        if (property == null) {
            return null;
        }
        Path launcher = Path.of(property).toAbsolutePath().normalize();
        return Files.isRegularFile(launcher.resolveSibling("generator/target/termpress.jar")) ? launcher : null;
    }

    private static long time(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = process.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
        return millis;
    }

    /** The classpath this benchmark runs with (exec:java gives it a class loader of its own). */
    private static String classpath() {
        if (ServeEditBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(new File(URI.create(url.toString())).getPath());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    // ---- measuring ----

    @FunctionalInterface
    private interface Edit {
        void apply(int n) throws IOException;
    }

    private static void measure(String what, BlockingQueue<Long> reloads, BlockingQueue<String> summaries, Edit edit)
            throws Exception {
        List<Long> times = new ArrayList<>();
        String lastSummary = "";
        for (int run = 0; run < WARMUP + RUNS; run++) {
            Thread.sleep(300); // the previous edit's events have settled
            reloads.clear();
            long start = System.nanoTime();
            edit.apply(run + (int) (start % 100_000) * 100);
            Long reloaded = reloads.poll(120, TimeUnit.SECONDS);
            if (reloaded == null) {
                throw new IOException(what + ": no reload within 120 s");
            }
            if (summaries != null) {
                String summary = summaries.poll(10, TimeUnit.SECONDS);
                lastSummary = summary == null ? lastSummary : summary;
                summaries.clear();
            }
            if (run >= WARMUP) {
                times.add((reloaded - start) / 1_000_000);
            }
        }
        report(what, times);
        if (!lastSummary.isEmpty()) {
            System.out.println("    last: " + lastSummary);
        }
    }

    private static void report(String what, List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("%-48s median %6d ms (runs %s; load %s)%n", what + ":", sorted.get(sorted.size() / 2),
                times.stream().map(String::valueOf).collect(Collectors.joining(" ")), loadAverage());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static boolean hugoInstalled() {
        try {
            return new ProcessBuilder("hugo", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
