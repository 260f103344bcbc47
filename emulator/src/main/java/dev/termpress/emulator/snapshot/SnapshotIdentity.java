package dev.termpress.emulator.snapshot;

/**
 * What a snapshot was made from, as the host names it: opaque to the emulator, compared exactly on
 * restore. A snapshot resumes only with the same kernel and the same image.
 *
 * @param kernelSha256 the kernel Image's sha256 (hex)
 * @param imageDigest the image's manifest digest ({@code sha256:...})
 */
public record SnapshotIdentity(String kernelSha256, String imageDigest) {

    public SnapshotIdentity {
        if (kernelSha256 == null || imageDigest == null) {
            throw new IllegalArgumentException("SnapshotIdentity: kernelSha256 and imageDigest must be set");
        }
    }
}
