package dev.termpress.runtime.net;

/** One header line as sent: {@code name} keeps its case, comparisons ignore it. */
public record HttpHeader(String name, String value) {

    /** Whether this header is called {@code other} (case-insensitive, as RFC 9110 §5.1 says). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
