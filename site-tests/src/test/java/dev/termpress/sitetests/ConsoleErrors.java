package dev.termpress.sitetests;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The errors a page logs (failed loads included) and the exceptions it throws; watch before navigating. */
final class ConsoleErrors {

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private ConsoleErrors(Page page) {
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(message.text() + " (" + message.location() + ")");
            }
        });
        page.onPageError(error -> errors.add("page error: " + error));
    }

    static ConsoleErrors watch(Page page) {
        return new ConsoleErrors(page);
    }

    List<String> list() {
        return List.copyOf(errors);
    }
}
