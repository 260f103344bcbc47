package dev.termpress.generator.serve;

/**
 * A single byte range from an HTTP {@code Range} header (RFC 9110 §14.1.2), resolved against a length.
 *
 * @param start first byte, inclusive
 * @param end last byte, inclusive
 */
public record ByteRange(long start, long end) {

    private static final String UNIT = "bytes=";

    /** How a request's {@code Range} header applies to a representation. */
    public sealed interface Outcome {}

    /** Send the whole representation (no header, a header we ignore, or several ranges). */
    public record Whole() implements Outcome {}

    /** Send part of it with 206. */
    public record Partial(ByteRange range) implements Outcome {}

    /** No byte of the range exists: 416 with {@code Content-Range: bytes *}{@code /length}. */
    public record Unsatisfiable() implements Outcome {}

    /** Number of bytes in the range. */
    public long length() {
        return end - start + 1;
    }

    /** The {@code Content-Range} value for a 206 response. */
    public String contentRange(long total) {
        return "bytes " + start + "-" + end + "/" + total;
    }

    /**
     * Resolves a {@code Range} header.
     *
     * <p>Per RFC 9110 a server may ignore a header it cannot parse or a multi-range request and send
     * the whole representation; a well-formed range that starts beyond the end is unsatisfiable.
     */
    public static Outcome parse(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length()) || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring(UNIT.length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return new Whole();
                }
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || length == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return new Whole();
            }
            if (start >= length) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(start, Math.min(end, length - 1)));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
