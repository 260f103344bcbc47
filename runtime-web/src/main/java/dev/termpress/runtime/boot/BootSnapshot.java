package dev.termpress.runtime.boot;

/**
 * The image descriptor's {@code snapshot} object (docs/image-descriptor.md): where the image's boot snapshot
 * is and what it was made from. The runtime resumes from it only when {@link #mismatch} finds nothing; every
 * other case is a cold boot with one line saying why.
 *
 * @param digest {@code sha256:<hex>} of the gzipped file
 * @param size the gzipped file's size in bytes
 * @param kernelSha256 the raw kernel Image the snapshot was booted on (hex)
 * @param emulatorVersion the snapshot header's emulator version
 * @param formatVersion the snapshot header's format version
 */
public record BootSnapshot(String digest, long size, String kernelSha256, int emulatorVersion, int formatVersion,
        String coldDigest, long coldSize) {

    /** The only media type this runtime reads. */
    public static final String MEDIA_TYPE = "application/vnd.termpress.snapshot.v1+gzip";
    /** The media type of a split snapshot's second part ({@code snapshot.cold}): the RAM pages left out. */
    public static final String COLD_MEDIA_TYPE = "application/vnd.termpress.snapshot-pages.v1+gzip";

    public BootSnapshot(String digest, long size, String kernelSha256, int emulatorVersion, int formatVersion) {
        this(digest, size, kernelSha256, emulatorVersion, formatVersion, null, 0);
    }

    /**
     * The same snapshot with the second part the descriptor's {@code snapshot.cold} object names.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public BootSnapshot withCold(String mediaType, String digest, double size) {
        if (!COLD_MEDIA_TYPE.equals(mediaType)) {
            throw new IllegalArgumentException("descriptor: snapshot.cold media type " + mediaType + ", this runtime reads "
                    + COLD_MEDIA_TYPE);
        }
        if (!Digests.valid(digest)) {
            throw new IllegalArgumentException("descriptor: snapshot.cold digest " + digest
                    + " is not sha256: and 64 lowercase hex digits");
        }
        if (!wholeNumber(size) || size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("descriptor: snapshot.cold size " + size
                    + " is not a whole number of bytes below 2 GiB");
        }
        return new BootSnapshot(this.digest, this.size, kernelSha256, emulatorVersion, formatVersion, digest, (long) size);
    }

    /** Whether the snapshot comes in two parts (the guest resumes from the first, the second follows). */
    public boolean split() {
        return coldDigest != null;
    }

    /**
     * Checks the object's fields as JSON gave them (strings null, numbers -1 when absent or of another type).
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong, as a short reason
     */
    public static BootSnapshot of(String mediaType, String digest, double size, String kernelSha256,
            double emulatorVersion, double formatVersion) {
        if (!MEDIA_TYPE.equals(mediaType)) {
            throw new IllegalArgumentException("descriptor: snapshot media type " + mediaType + ", this runtime reads " + MEDIA_TYPE);
        }
        if (!Digests.valid(digest)) {
            throw new IllegalArgumentException("descriptor: snapshot digest " + digest + " is not sha256: and 64 lowercase hex digits");
        }
        if (!wholeNumber(size) || size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("descriptor: snapshot size " + size + " is not a whole number of bytes below 2 GiB");
        }
        if (kernelSha256 == null || !Digests.valid("sha256:" + kernelSha256)) {
            throw new IllegalArgumentException("descriptor: snapshot kernelSha256 " + kernelSha256 + " is not 64 lowercase hex digits");
        }
        if (!wholeNumber(emulatorVersion) || !wholeNumber(formatVersion) || emulatorVersion < 0 || formatVersion < 0) {
            throw new IllegalArgumentException("descriptor: snapshot emulatorVersion and formatVersion must be whole numbers");
        }
        return new BootSnapshot(digest, (long) size, kernelSha256, (int) emulatorVersion, (int) formatVersion);
    }

    /**
     * Why this snapshot cannot run on a runtime that boots {@code runtimeKernelSha256} and reads snapshots of
     * {@code runtimeFormat} and {@code runtimeEmulator}, or null when it can: checked before anything is fetched.
     *
     * @param runtimeKernelSha256 the kernel this runtime would boot; null when the page did not say
     */
    public String mismatch(String runtimeKernelSha256, int runtimeFormat, int runtimeEmulator) {
        if (formatVersion != runtimeFormat) {
            return "format version " + formatVersion + ", this runtime reads " + runtimeFormat;
        }
        if (emulatorVersion != runtimeEmulator) {
            return "made by emulator version " + emulatorVersion + ", this runtime is version " + runtimeEmulator;
        }
        if (runtimeKernelSha256 == null) {
            return "the page does not say which kernel its runtime boots";
        }
        if (!kernelSha256.equals(runtimeKernelSha256)) {
            return "made for kernel " + shortHex(kernelSha256) + ", this runtime boots " + shortHex(runtimeKernelSha256);
        }
        return null;
    }

    /** The 64 hex digits of the digest. */
    public String hex() {
        return Digests.hex(digest);
    }

    /** The one line a reader sees when a snapshot is not used: {@code termpress: boot snapshot not used (why); booting}. */
    public static String notice(String why) {
        return "termpress: boot snapshot not used (" + why + "); booting";
    }

    private static boolean wholeNumber(double value) {
        return value == Math.floor(value) && !Double.isInfinite(value);
    }

    private static String shortHex(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
