package dev.termpress.generator.image;

/**
 * What reading a layer through taught us.
 *
 * @param diffId sha256 of the uncompressed tar (the config's {@code rootfs.diff_ids} entry)
 * @param uncompressedSize bytes of the uncompressed tar
 * @param entries number of tar entries
 */
record LayerFacts(Digest diffId, long uncompressedSize, int entries) {}
