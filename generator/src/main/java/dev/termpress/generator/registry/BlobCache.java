package dev.termpress.generator.registry;

import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.paths.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Blobs pulled from registries, shared by every site of the user: {@code blobs/sha256/<hex>} under
 * {@code $XDG_CACHE_HOME/termpress} (default {@code ~/.cache/termpress}). A blob is written under a
 * temporary name and renamed once its digest matched, and hashed again each time a build uses it: a
 * file that no longer matches is deleted and counts as missing. A download, and the layout of a
 * pulled image, is written under {@link #lock}, so concurrent builds wait for each other.
 */
public final class BlobCache {

    static final String BLOBS = "blobs/sha256";
    static final String LOCKS = "locks";
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private final Path root;

    public BlobCache(Path root) {
        this.root = root;
    }

    /** The cache the environment names: {@code $XDG_CACHE_HOME/termpress}, else {@code ~/.cache/termpress}. */
    public static BlobCache fromEnvironment(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new BlobCache(base.resolve("termpress"));
    }

    /** The cache directory. */
    public Path root() {
        return root;
    }

    /** Where the blob with {@code digest} lives (whether or not it is there). */
    Path path(String digest) {
        return root.resolve(BLOBS).resolve(hex(digest));
    }

    /** Where an unfinished download of {@code digest} is kept between attempts. */
    Path partial(String digest) {
        return root.resolve(BLOBS).resolve("." + hex(digest) + ".part");
    }

    /**
     * Takes the cache's lock for {@code digest} (a blob, or the layout of a manifest), waiting while
     * another thread or process holds it.
     */
    CacheLock lock(String digest) throws ImageException {
        return CacheLock.acquire(root.resolve(LOCKS).resolve(hex(digest)));
    }

    /**
     * Whether the cache holds {@code digest} with {@code size} bytes (size -1: any) and the right sha256;
     * a damaged file is deleted so the next pull replaces it.
     */
    boolean has(String digest, long size) throws ImageException {
        Path file = path(digest);
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            if ((size >= 0 && Files.size(file) != size) || !sha256(file).equals(digest)) {
                Files.deleteIfExists(file);
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read the blob cache: " + e.getMessage(), e);
        }
    }

    /** The verified bytes of a small blob (a manifest or config), or {@code null} when it is not cached intact. */
    byte[] readSmall(String digest, long size) throws ImageException {
        if (!has(digest, size)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(path(digest));
            return digestOf(bytes).equals(digest) ? bytes : null;
        } catch (IOException e) {
            throw new ImageException(path(digest) + ": cannot read the blob cache: " + e.getMessage(), e);
        }
    }

    /** Stores bytes already known to have {@code digest} (checked again here), atomically. */
    void put(String digest, byte[] bytes) throws ImageException {
        if (!digestOf(bytes).equals(digest)) {
            throw new ImageException("refusing to cache " + digest + ": its bytes hash to " + digestOf(bytes));
        }
        Path target = path(digest);
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new ImageException(target + ": cannot write the blob cache: " + e.getMessage(), e);
        }
    }

    static String digestOf(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha().digest(bytes));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static String hex(String digest) {
        // Digests come from manifests, i.e. from the network: never let one become a path outside the cache.
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
