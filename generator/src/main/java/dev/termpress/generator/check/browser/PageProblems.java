package dev.termpress.generator.check.browser;

import com.microsoft.playwright.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong in the page since it was last loaded: uncaught script errors, failed requests and
 * error responses. When a block never gets a shell, these usually say why (a runtime file that did not
 * load, a script that threw), so the report names them.
 */
final class PageProblems {

    /** Enough to name the cause; a page that fails everything would bury it. */
    private static final int KEPT = 5;
    private static final int FIRST_ERROR_STATUS = 400;

    /** The first problem per URL (a script that answers 404 is then also an aborted request); script errors by text. */
    private final Map<String, String> seen = new LinkedHashMap<>();

    /** Starts listening on {@code page}; Playwright calls back on the thread that drives the page. */
    PageProblems(Page page) {
        page.onPageError(error -> {
            String problem = "script error: " + PlaywrightMessages.summary(error);
            add(problem, problem);
        });
        page.onRequestFailed(request -> add(request.url(), request.method() + " " + request.url() + " failed: "
                + request.failure()));
        page.onResponse(response -> {
            if (response.status() >= FIRST_ERROR_STATUS) {
                add(response.url(), response.request().method() + " " + response.url() + " answered " + response.status());
            }
        });
    }

    /** Forgets what happened on the previous page. */
    void clear() {
        seen.clear();
    }

    /** The problems, one per line, each starting with a newline; empty when there were none. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (!seen.isEmpty()) {
            text.append("\npage problems:");
            seen.values().forEach(problem -> text.append("\n  ").append(problem));
        }
        return text.toString();
    }

    private void add(String key, String problem) {
        if (seen.size() < KEPT) {
            seen.putIfAbsent(key, problem);
        }
    }
}
