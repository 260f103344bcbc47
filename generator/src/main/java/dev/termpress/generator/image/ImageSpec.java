package dev.termpress.generator.image;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.generator.config.PrewarmBudget;
import java.nio.file.Path;

/**
 * An image as a site's {@code termpress.yaml} declares it.
 *
 * @param name the name demo blocks use ({@code image=NAME})
 * @param source an OCI image layout directory, an {@code oci-archive} tar or a {@code docker save} tar
 * @param reference the tag or {@code org.opencontainers.image.ref.name} to pick, or {@code null} for
 *     the only (or first) image in the source
 * @param declaredIn the configuration file, for error messages
 * @param line the 1-based line of the declaration in {@code declaredIn}, for error messages
 * @param hostname the guest's hostname for blocks that set none ({@code hostname:}), or {@code null}
 *     for init's default
 * @param snapshot whether the site publishes a boot snapshot of the image and check and run resume
 *     from one ({@code snapshot:}, site-wide or per image; default true)
 * @param upperLimit bytes the writable layer may hold ({@code upper-limit:}); writes past it fail with ENOSPC
 * @param remote the registry reference the image comes from, or {@code null} for a local source; until the
 *     build has pulled it, {@code source} is {@code null}, afterwards the OCI layout in the blob cache
 * @param prewarm what a page may fetch for the image before the reader presses Run ({@code prewarm:})
 * @param network whether the image's blocks reach the outside network unless they say {@code network=false}
 *     ({@code network:}, site-wide or per image; default false)
 */
public record ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
        boolean snapshot, long upperLimit, RemoteImage remote, PrewarmBudget prewarm, boolean network) {

    public ImageSpec {
        if (prewarm == null) {
            prewarm = PrewarmBudget.DEFAULT;
        }
    }

    /** An image without the network. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
            boolean snapshot, long upperLimit, RemoteImage remote, PrewarmBudget prewarm) {
        this(name, source, reference, declaredIn, line, hostname, snapshot, upperLimit, remote, prewarm, false);
    }

    /** The same image with its blocks on the network by default ({@code network:}) or not. */
    public ImageSpec withNetwork(boolean on) {
        return new ImageSpec(name, source, reference, declaredIn, line, hostname, snapshot, upperLimit, remote, prewarm,
                on);
    }

    /** An image with the default prewarm budget. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
            boolean snapshot, long upperLimit, RemoteImage remote) {
        this(name, source, reference, declaredIn, line, hostname, snapshot, upperLimit, remote, PrewarmBudget.DEFAULT);
    }

    /** The same image with prewarm budget {@code budget}. */
    public ImageSpec withPrewarm(PrewarmBudget budget) {
        return new ImageSpec(name, source, reference, declaredIn, line, hostname, snapshot, upperLimit, remote, budget,
                network);
    }

    /** A local image. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
            boolean snapshot, long upperLimit) {
        this(name, source, reference, declaredIn, line, hostname, snapshot, upperLimit, null);
    }

    /** The same image, pulled: read from the OCI layout at {@code layout}. */
    public ImageSpec pulledTo(Path layout) {
        return new ImageSpec(name, layout, null, declaredIn, line, hostname, snapshot, upperLimit, remote, prewarm,
                network);
    }

    /** An image with the default writable-layer limit. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
            boolean snapshot) {
        this(name, source, reference, declaredIn, line, hostname, snapshot, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    /** An image with boot snapshots on. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname,
            long upperLimit) {
        this(name, source, reference, declaredIn, line, hostname, true, upperLimit);
    }

    /** An image without its own hostname. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line) {
        this(name, source, reference, declaredIn, line, null);
    }

    /** An image with boot snapshots on and the default writable-layer limit. */
    public ImageSpec(String name, Path source, String reference, Path declaredIn, int line, String hostname) {
        this(name, source, reference, declaredIn, line, hostname, true, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }
}
