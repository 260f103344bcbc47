package dev.termpress.generator.check.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Playwright's exception messages cut down to one line for the report. A message from the driver is
 * a multi-line dump ({@code Error { message='...', name=..., stack=... }} plus the browser's log),
 * whose first line says only {@code Error {}.
 */
final class PlaywrightMessages {

    /** The driver's own summary: {@code message='...} on the line after {@code Error {}. */
    private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\s*message='(.*)$", Pattern.MULTILINE);
    /** The browser log's line about a process that ended, e.g. {@code <process did exit: exitCode=0, signal=null>}. */
    private static final Pattern PROCESS_EXIT = Pattern.compile("<process did exit: (exitCode=[^,>]*, signal=[^>]*)>");

    private PlaywrightMessages() {}

    /** One line that says what went wrong, with how the browser process ended when the log tells. */
    static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        Matcher driver = DRIVER_MESSAGE.matcher(message);
        String first = driver.find() ? driver.group(1) : message.strip().lines().findFirst().orElse("");
        Matcher exit = PROCESS_EXIT.matcher(message);
        return exit.find() ? first + " (the browser process ended: " + exit.group(1) + ")" : first;
    }
}
