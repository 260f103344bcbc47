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
 *
 * <p>A snapshot is published in two parts ({@link MachineSnapshot#saveSplit}): the machine with the RAM
 * pages a resume uses before the prompt ({@link PreparedImage#hotPages}), which the browser needs before it
 * can start, and the other pages, which it fetches while the guest already runs.
 */
public final class BootSnapshots {

    /** Big images give snapshots of tens of MB: keep few. */
    private static final int KEPT = 2;
    private static final Map<String, Parts> KEPT_GZIPPED = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parts> eldest) {
            return size() > KEPT;
        }
    };

    /** A boot snapshot as a site publishes it: the gzipped first part, and the gzipped cold part (null: whole). */
    public record Parts(byte[] first, byte[] cold) {
    }

    private BootSnapshots() {}

    /**
     * The image's boot snapshot as a site publishes it (gzipped, {@link SnapshotBlob}), in two parts.
     *
     * @throws SnapshotException if the boot never reaches init's ready marker, or its resume no prompt
     */
    public static Parts gzipped(PreparedImage image) throws SnapshotException, ImageFormatException {
        String key = key(image.snapshotIdentity());
        synchronized (KEPT_GZIPPED) {
            Parts kept = KEPT_GZIPPED.get(key);
            if (kept != null) {
                return kept;
            }
        }
        MachineSnapshot.Split split = image.splitSnapshot();
        Parts parts = new Parts(SnapshotBlob.gzip(split.first()), SnapshotBlob.gzip(split.cold()));
        synchronized (KEPT_GZIPPED) {
            KEPT_GZIPPED.put(key, parts);
        }
        return parts;
    }

    /**
     * Where {@code check} and {@code run} resume {@code image} from: the bytes a build publishes,
     * checked and unpacked the way a published file is, both parts at once.
     */
    public static PreparedImage.SnapshotSource of(PreparedImage image) {
        return new PreparedImage.SnapshotSource() {
            @Override
            public byte[] load() throws SnapshotException {
                Parts parts = parts();
                return SnapshotBlob.open(parts.first(), SnapshotBlob.digest(parts.first()),
                        "of " + image.image().description());
            }

            @Override
            public byte[] cold() throws SnapshotException {
                Parts parts = parts();
                return parts.cold() == null ? null : SnapshotBlob.open(parts.cold(), SnapshotBlob.digest(parts.cold()),
                        "(second part) of " + image.image().description());
            }

            private Parts parts() throws SnapshotException {
                try {
                    return gzipped(image);
                } catch (ImageFormatException e) {
                    throw new SnapshotException(e.getMessage());
                }
            }
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
