package dev.termpress.generator.check.browser;

/** {@code check --browser} could not run at all (Chromium did not start, the site could not be served); the message says why. */
public final class BrowserCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrowserCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
