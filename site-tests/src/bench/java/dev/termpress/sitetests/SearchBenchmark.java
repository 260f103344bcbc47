package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.termpress.generator.bench.SideBySideSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Time to the first search result on the 1,000-page benchmark site ({@link SideBySideSite}, one page of which
 * gets a word no other page has), in Chromium: from the {@code /} that opens the search box, through typing that
 * word, to the first result in the list. Cold is a fresh browser context (nothing cached; the index is fetched
 * when the box opens), warm is a second page load in the same context. Both clocks are the page's own
 * ({@code event.timeStamp} of the key, {@code performance.now()} when the result is in the DOM), so Playwright's
 * round trips are not counted. Prints every run, the medians and the load average.
 *
 * <p>System properties: {@code termpress.chromium}, {@code termpress.bench.runs} (default 7).
 */
public final class SearchBenchmark {

    /** The page that gets the unique word, and the word. */
    private static final int TARGET = 500;
    static final String WORD = "zanzibar";

    /** Records the "/" key's time and the first result's arrival on window.__search (the page's clock). */
    private static final String PROBE = """
            () => {
              const probe = window.__search = { key: null, result: null };
              document.addEventListener('keydown', e => { if (e.key === '/' && probe.key === null) probe.key = e.timeStamp; }, true);
              const list = document.querySelector('.tp-search-results');
              new MutationObserver(() => {
                if (probe.result === null && list.querySelector('[role=option]')) probe.result = performance.now();
              }).observe(list, { childList: true });
            }""";

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("termpress.bench.runs", 7);
        Path source = ServedSite.newSourceFolder();
        SideBySideSite.writeTermpress(source);
        Files.writeString(source.resolve("content/" + SideBySideSite.name(TARGET) + ".md"), SideBySideSite.termpressPage(
                TARGET, "Page " + TARGET, "\nOnly this page mentions " + WORD + ".\n"));
        System.out.println("load average at start: " + BrowserBenchmark.loadAverage());
        try (ServedSite site = ServedSite.buildOwned(source); Chromium chromium = Chromium.launch()) {
            System.out.printf("search index: %,d bytes; Chromium %s%n", indexBytes(site.output()),
                    chromium.browser().version());
            String url = site.url(SideBySideSite.name(0) + "/");
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                try (BrowserContext context = chromium.browser().newContext()) {
                    cold.add(timeToFirstResult(context, url));
                    warm.add(timeToFirstResult(context, url));
                }
            }
            report("cold (fresh context, index fetched on open)", cold);
            report("warm (same context, page reloaded)", warm);
        }
        System.out.println("load average at end: " + BrowserBenchmark.loadAverage());
    }

    /** Opens {@code url} in a new page, presses "/", types {@link #WORD}; milliseconds to the first result. */
    private static double timeToFirstResult(BrowserContext context, String url) {
        Page page = context.newPage();
        try {
            page.navigate(url);
            page.waitForLoadState();
            page.evaluate(PROBE);
            page.keyboard().press("/");
            page.locator(".tp-search-input").pressSequentially(WORD);
            page.waitForFunction("() => window.__search.result !== null");
            String href = page.locator("#tp-search-result-0 a").getAttribute("href");
            if (!href.contains(SideBySideSite.name(TARGET))) {
                throw new IllegalStateException("the first result is " + href + ", not page " + TARGET);
            }
            return ((Number) page.evaluate("() => window.__search.result - window.__search.key")).doubleValue();
        } finally {
            page.close();
        }
    }

    private static long indexBytes(Path output) throws Exception {
        return Files.size(output.resolve("search-index.json"));
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-46s median %6.1f ms (runs %s; load %s)%n", what + ":", sorted.get(sorted.size() / 2),
                millis.stream().map(m -> String.format("%.1f", m)).collect(Collectors.joining(" ")),
                BrowserBenchmark.loadAverage());
    }
}
