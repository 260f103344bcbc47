package dev.termpress.generator.vm;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boot snapshots made in this process, kept by what they were made from (kernel, image, emulator
 * and format version), so a build and a check in one JVM, or many test sites, boot each image once.
 * They are deterministic, so a kept one is exactly what a new boot would give.
 */
public final class BootSnapshots {

    /** Big images give snapshots of tens of MB: keep few. */
    private static final int KEPT = 2;
    private static final Map<String, byte[]> KEPT_GZIPPED = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    };

    private BootSnapshots() {}

    /**
     * The image's boot snapshot as a site publishes it (gzipped, {@link SnapshotBlob}).
     *
     * @throws SnapshotException if the boot never reaches init's ready marker
     */
    public static byte[] gzipped(PreparedImage image) throws SnapshotException, ImageFormatException {
        String key = key(image.snapshotIdentity());
        synchronized (KEPT_GZIPPED) {
            byte[] kept = KEPT_GZIPPED.get(key);
            if (kept != null) {
                return kept;
            }
        }
        byte[] gzipped = SnapshotBlob.gzip(image.snapshot());
        synchronized (KEPT_GZIPPED) {
            KEPT_GZIPPED.put(key, gzipped);
        }
        return gzipped;
    }

    /**
     * Where {@code check} and {@code run} resume {@code image} from: the bytes a build publishes,
     * checked and unpacked the way a published file is.
     */
    public static PreparedImage.SnapshotSource of(PreparedImage image) {
        return () -> {
            byte[] gz;
            try {
                gz = gzipped(image);
            } catch (ImageFormatException e) {
                throw new SnapshotException(e.getMessage());
            }
            return SnapshotBlob.open(gz, SnapshotBlob.digest(gz), "of " + image.image().description());
        };
    }

    /** Drops the kept snapshots, so the next request boots again (tests of reproducibility). */
    public static void forgetAll() {
        synchronized (KEPT_GZIPPED) {
            KEPT_GZIPPED.clear();
        }
    }

    private static String key(SnapshotIdentity identity) {
        return identity.kernelSha256() + " " + identity.imageDigest() + " " + MachineSnapshot.EMULATOR_VERSION + " "
                + MachineSnapshot.FORMAT_VERSION;
    }
}
