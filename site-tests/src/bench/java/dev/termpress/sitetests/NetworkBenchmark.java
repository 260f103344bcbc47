package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's network in Chromium (docs/benchmarks.md, "Guest network in the browser"): busybox {@code wget} of
 * 10 MiB from a local CORS server through the fetch proxy, ten small GETs in a row and ten {@code busybox true} (what starting a program costs), each timed by the guest's
 * {@code time}, {@code termpress.bench.runs} times in one page; prints each run, the medians and the load. Run:
 * <pre>
 * mvn -B -ntp -q -Pnetwork-bench -pl site-tests -am package -DskipTests
 * </pre>
 */
public final class NetworkBenchmark {

    private static final int BIG_BYTES = 10 << 20;
    private static final int SMALL_REQUESTS = 10;
    private static final Pattern REAL = Pattern.compile("real\\s+(\\d+)m\\s*([0-9.]+)s");

    private NetworkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("termpress.bench.runs", 5);
        System.out.printf("%s UTC, load average %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                BrowserBenchmark.loadAverage());
        List<Double> bigSeconds = new ArrayList<>();
        List<Double> smallMillis = new ArrayList<>();
        List<Double> startMillis = new ArrayList<>();
        try (GuestHttpServer server = new GuestHttpServer(); ServedSite site = NetworkTest.openSite();
                Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(site.url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            // Commands short enough for one terminal row (LiveDemo.command finds them by their echo).
            demo.command("export u=http://10.0.2.2:" + server.port() + "/cors");
            demo.command("wget -qO/dev/null $u/bytes?" + BIG_BYTES, 600_000); // warm-up
            for (int run = 1; run <= runs; run++) {
                double big = seconds(demo.command("time wget -qO/dev/null $u/bytes?" + BIG_BYTES, 600_000));
                double small = seconds(demo.command("time sh -c 'for i in $(seq " + SMALL_REQUESTS
                        + "); do wget -qO/dev/null $u/hello; done'", 120_000)) * 1000 / SMALL_REQUESTS;
                double start = seconds(demo.command("time sh -c 'for i in $(seq " + SMALL_REQUESTS
                        + "); do busybox true; done'", 120_000)) * 1000 / SMALL_REQUESTS;
                bigSeconds.add(big);
                smallMillis.add(small);
                startMillis.add(start);
                System.out.printf("run %d: 10 MiB in %.2f s (%.2f MiB/s), small GET %.0f ms, busybox true %.0f ms,"
                        + " load %s%n", run, big, 10 / big, small, start, BrowserBenchmark.loadAverage());
            }
        }
        double big = median(bigSeconds);
        System.out.printf("median of %d: 10 MiB in %.2f s = %.2f MiB/s (range %.2f-%.2f s); small GET with wget's start"
                + " %.0f ms (range %.0f-%.0f); busybox true %.0f ms; load average %s%n", runs, big, 10 / big,
                Collections.min(bigSeconds), Collections.max(bigSeconds), median(smallMillis),
                Collections.min(smallMillis), Collections.max(smallMillis), median(startMillis),
                BrowserBenchmark.loadAverage());
    }

    private static double seconds(String output) {
        if (output.contains("wget:") || output.contains("sh:")) {
            throw new IllegalStateException("the timed command failed: " + output);
        }
        Matcher m = REAL.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no time in the guest's output: " + output);
        }
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
