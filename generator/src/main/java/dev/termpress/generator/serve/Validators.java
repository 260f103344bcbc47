package dev.termpress.generator.serve;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A served file's validators (RFC 9110 §8.8): an entity tag from its size and modification time (nanoseconds),
 * and its Last-Modified date; and whether a conditional GET may be answered 304. Files revalidated on every
 * request ({@code no-cache}) then cost a round trip, not their bytes, on a warm visit.
 *
 * @param etag the quoted entity tag of one representation (a coding or an injected script gives another tag)
 * @param lastModified the file's modification time, whole seconds
 */
record Validators(String etag, Instant lastModified) {

    /** IMF-fixdate (RFC 9110 §5.6.7): a two-digit day, unlike RFC_1123_DATE_TIME's output. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /** The validators of {@code file}'s {@code variant} (empty for the file's bytes as they are, else a suffix). */
    static Validators of(Path file, String variant) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        String tag = "\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(nanos)
                + (variant.isEmpty() ? "" : "-" + variant) + "\"";
        return new Validators(tag, attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Sets ETag and Last-Modified on a response. */
    void addTo(Headers response) {
        response.set("ETag", etag);
        response.set("Last-Modified", HTTP_DATE.format(lastModified.atZone(ZoneOffset.UTC)));
    }

    /**
     * Whether the client's copy is current: If-None-Match (weak comparison, as for GET) when present, else
     * If-Modified-Since (RFC 9110 §13.2.2).
     */
    boolean notModified(Headers request) {
        String noneMatch = request.getFirst("If-None-Match");
        if (noneMatch != null) {
            for (String candidate : noneMatch.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        String since = request.getFirst("If-Modified-Since");
        if (since == null) {
            return false;
        }
        try {
            return !lastModified.isAfter(ZonedDateTime.parse(since.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored (RFC 9110 §13.1.3)
        }
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
