package dev.termpress.runtime.boot;

/**
 * Whether a Run resumes from the image's boot snapshot or boots cold, decided from the descriptor before
 * anything is fetched: {@code snapshot} to fetch and resume, or null for a cold boot, with {@code notice}
 * the one line the reader sees when a snapshot exists but is not used (null when there is none).
 */
public record BootChoice(BootSnapshot snapshot, String notice) {

    /**
     * @param runtimeKernelSha256 the kernel this runtime would boot (hex), null when the page did not say
     * @param runtimeFormat the snapshot format version this runtime reads
     * @param runtimeEmulator the emulator version this runtime is
     */
    public static BootChoice of(ImageDescriptor image, String runtimeKernelSha256, int runtimeFormat,
            int runtimeEmulator) {
        if (image.snapshotProblem() != null) {
            return cold(image.snapshotProblem());
        }
        BootSnapshot snapshot = image.snapshot();
        if (snapshot == null) {
            return new BootChoice(null, null); // built with snapshot: false
        }
        if (image.manifestDigest() == null) {
            return cold("the descriptor names no manifest digest to check it against");
        }
        String mismatch = snapshot.mismatch(runtimeKernelSha256, runtimeFormat, runtimeEmulator);
        return mismatch == null ? new BootChoice(snapshot, null) : cold(mismatch);
    }

    /** Whether the Run resumes. */
    public boolean resume() {
        return snapshot != null;
    }

    private static BootChoice cold(String why) {
        return new BootChoice(null, BootSnapshot.notice(why));
    }
}
