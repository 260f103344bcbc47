package dev.termpress.generator.image;

/**
 * What reading a layer through taught us.
 *
 * @param diffId sha256 of the uncompressed tar (the config's {@code rootfs.diff_ids} entry)
 * @param uncompressedSize bytes of the uncompressed tar
 * @param entries number of tar entries
 * @param indexDigest sha256 of the layer's published index ({@code images/indexes/sha256/<hex>}), or
 *     {@code null} before it is written
 */
record LayerFacts(Digest diffId, long uncompressedSize, int entries, Digest indexDigest) {

    LayerFacts(Digest diffId, long uncompressedSize, int entries) {
        this(diffId, uncompressedSize, entries, null);
    }

    LayerFacts withIndex(Digest digest) {
        return new LayerFacts(diffId, uncompressedSize, entries, digest);
    }
}
