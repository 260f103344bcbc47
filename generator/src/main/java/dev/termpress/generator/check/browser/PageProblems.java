package dev.termpress.generator.check.browser;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in the page since it was last loaded: uncaught script errors, failed requests and
 * error responses. When a block never gets a shell, these usually say why (a runtime file that did not
 * load, a script that threw), so the report names them.
 */
final class PageProblems {

    /** Enough to name the cause; a page that fails everything would bury it. */
    private static final int KEPT = 5;
    private static final int FIRST_ERROR_STATUS = 400;

    private final List<String> seen = new ArrayList<>();

    /** Starts listening on {@code page}; Playwright calls back on the thread that drives the page. */
    PageProblems(Page page) {
        page.onPageError(error -> add("script error: " + PlaywrightMessages.summary(error)));
        page.onRequestFailed(request -> add(request.method() + " " + request.url() + " failed: " + request.failure()));
        page.onResponse(response -> {
            if (response.status() >= FIRST_ERROR_STATUS) {
                add(response.request().method() + " " + response.url() + " answered " + response.status());
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
            seen.forEach(problem -> text.append("\n  ").append(problem));
        }
        return text.toString();
    }

    private void add(String problem) {
        if (seen.size() < KEPT) {
            seen.add(problem);
        }
    }
}
