package dev.termpress.emulator.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The busybox example image's one layer, as the benchmarks' guests mount it. */
final class BusyboxLayer {

    private BusyboxLayer() {}

    /** The tar of the first gzip blob in {@code blobs} (the image's config and manifest are JSON). */
    static byte[] tar(Path blobs) throws IOException {
        try (var files = Files.list(blobs)) {
            for (Path blob : (Iterable<Path>) files::iterator) {
                byte[] bytes = Files.readAllBytes(blob);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new IOException("no gzip layer in " + blobs.toAbsolutePath());
    }
}
