package dev.termpress.generator.image;

/** The size-then-digest check every blob passes (image-spec descriptor.md, "Verification"). */
final class Verification {

    private Verification() {}

    static void check(String where, Descriptor expected, long actualSize, Digest actualDigest)
            throws ImageException {
        if (actualSize != expected.size()) {
            throw new ImageException(where + ": size mismatch: the blob has " + actualSize
                    + " bytes, but its descriptor says " + expected.size()
                    + "; the blob is truncated or was changed after the image was written");
        }
        if (!actualDigest.equals(expected.digest())) {
            throw new ImageException(where + ": digest mismatch: the blob's sha256 is " + actualDigest.hex()
                    + ", but its descriptor says " + expected.digest()
                    + "; the blob is corrupt or was changed after the image was written");
        }
    }
}
