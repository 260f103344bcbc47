package dev.termpress.generator.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Content coding on the wire (RFC 9110 §8.4), as static hosts apply it: text-like files (HTML, CSS, scripts,
 * JSON, SVG, WebAssembly) are sent gzip-coded to clients that accept it; image blobs, pictures and archives are
 * already compressed and go as they are.
 */
public final class TransportCompression {

    /** The content coding used (RFC 9110 §8.4.1.3). */
    public static final String GZIP = "gzip";
    /** Caches must key a compressible file's answers on the request's {@code Accept-Encoding}. */
    public static final String VARY = "Accept-Encoding";

    private static final Set<String> COMPRESSIBLE = Set.of(
            "html", "htm", "css", "js", "mjs", "json", "svg", "wasm", "txt", "map");

    private TransportCompression() {
    }

    /** Whether a file of this name gains from gzip (by extension; names without one are blobs). */
    public static boolean compressible(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot < fileName.lastIndexOf('/')) {
            return false;
        }
        return COMPRESSIBLE.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether an {@code Accept-Encoding} value (RFC 9110 §12.5.3) admits gzip: named, or through {@code *},
     * with a non-zero weight. No header means no coding: a client that never asked gets the file as it is.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean wildcard = false;
        for (String member : acceptEncoding.split(",")) {
            String[] parts = member.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = weight(parts) > 0;
            if (coding.equals(GZIP) || coding.equals("x-gzip")) {
                named = allowed;
            } else if (coding.equals("*")) {
                wildcard = allowed;
            }
        }
        return named != null ? named : wildcard;
    }

    /** The {@code q} parameter of a member, 1 when absent or unreadable. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** {@code bytes} gzip-coded at the best ratio; the header carries no time, so the same input gives the same output. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }
}
