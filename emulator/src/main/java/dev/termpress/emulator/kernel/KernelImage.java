package dev.termpress.emulator.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The committed guest kernel: a RISC-V Linux {@code Image} with its init built in, stored gzipped
 * on the classpath by {@code emulator/kernel/build.sh}.
 *
 * <p>For JVM hosts; the browser fetches {@code Image.gz} itself.
 */
public final class KernelImage {

    /** Classpath location of the gzipped Image. */
    public static final String RESOURCE = "/dev/termpress/emulator/kernel/Image.gz";

    /** Classpath location of the raw Image's sha256, in {@code sha256sum} format. */
    public static final String SHA256_RESOURCE = "/dev/termpress/emulator/kernel/Image.sha256";

    /** Classpath location of the build record ({@code name value} lines: source package, kernelrelease, hashes). */
    public static final String BUILD_RESOURCE = "/dev/termpress/emulator/kernel/kernel.txt";

    private static final int BUFFER_SIZE = 1 << 16;

    private KernelImage() {
    }

    /** Returns the raw kernel Image bytes, to be placed at the kernel load address. */
    public static byte[] load() {
        try (InputStream compressed = KernelImage.class.getResourceAsStream(RESOURCE)) {
            if (compressed == null) {
                throw new IllegalStateException("kernel resource " + RESOURCE
                        + " is not on the classpath; build it with emulator/kernel/build.sh");
            }
            try (InputStream image = new GZIPInputStream(compressed, BUFFER_SIZE)) {
                return image.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel resource " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
