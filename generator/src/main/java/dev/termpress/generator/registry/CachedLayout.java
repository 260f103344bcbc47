package dev.termpress.generator.registry;

import dev.termpress.generator.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pulled image as an OCI image layout the {@code image} package reads like any local one:
 * {@code layouts/<manifest hex>/} in the cache with {@code oci-layout}, an {@code index.json} naming
 * the one manifest, and {@code blobs} pointing at the cache's blobs (a symbolic link, or hard links
 * where the file system has no symbolic links). Built in a temporary directory and renamed into place.
 */
final class CachedLayout {

    static final String LAYOUTS = "layouts";

    private CachedLayout() {}

    /** The layout directory for the manifest, created when it is not there or not right. */
    static Path ensure(BlobCache cache, String manifestDigest, String mediaType, long size, List<String> blobs)
            throws ImageException {
        String hex = manifestDigest.substring("sha256:".length());
        Path dir = cache.root().resolve(LAYOUTS).resolve(hex);
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + mediaType + "\",\"digest\":\""
                + manifestDigest + "\",\"size\":" + size + "}]}\n";
        try {
            if (Files.isRegularFile(dir.resolve("index.json"))
                    && Files.readString(dir.resolve("index.json"), StandardCharsets.UTF_8).equals(index)
                    && Files.isDirectory(dir.resolve(BlobCache.BLOBS))) {
                return dir;
            }
            Files.createDirectories(dir.getParent());
            Path temp = Files.createTempDirectory(dir.getParent(), "." + hex);
            try {
                Files.writeString(temp.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}\n");
                Files.writeString(temp.resolve("index.json"), index);
                linkBlobs(cache, temp, blobs);
                delete(dir);
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                delete(temp);
            }
            return dir;
        } catch (IOException e) {
            throw new ImageException(dir + ": cannot write the image layout in the cache: " + e.getMessage(), e);
        }
    }

    private static void linkBlobs(BlobCache cache, Path layout, List<String> blobs) throws IOException {
        try {
            // layouts/<hex>/blobs -> ../../blobs
            Files.createSymbolicLink(layout.resolve("blobs"), Path.of("..", "..", "blobs"));
        } catch (UnsupportedOperationException | IOException e) {
            Path dir = Files.createDirectories(layout.resolve(BlobCache.BLOBS));
            for (String digest : blobs) {
                Files.createLink(dir.resolve(digest.substring("sha256:".length())), cache.path(digest));
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Never follows the blobs link: walk does not follow links by default.
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
