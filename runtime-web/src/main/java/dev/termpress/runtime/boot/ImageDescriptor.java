package dev.termpress.runtime.boot;

import dev.termpress.emulator.guest.ContainerSettings;
import java.util.List;

/**
 * What the runtime reads from an image descriptor ({@code images/NAME.json}, docs/image-descriptor.md).
 *
 * @param name the image's name in {@code termpress.yaml}
 * @param blobs where blobs live, relative to the descriptor's URL
 * @param config the config fields the runtime applies
 * @param layers the layers, bottom first
 * @param manifestDigest the image manifest's digest: the image identity a boot snapshot must carry; null when
 *     the descriptor has none (then no snapshot is used)
 * @param snapshot the image's boot snapshot, or null when there is none or its object is unusable
 * @param snapshotProblem why the descriptor's {@code snapshot} object cannot be used, or null
 */
public record ImageDescriptor(String name, String blobs, ContainerSettings config, List<Layer> layers,
        String manifestDigest, BootSnapshot snapshot, String snapshotProblem) {

    /** The descriptor format this runtime reads ({@code descriptorVersion}). */
    public static final int VERSION = 1;

    public ImageDescriptor {
        layers = List.copyOf(layers);
    }

    /**
     * One layer blob.
     *
     * @param digest {@code sha256:<hex>}
     * @param size the blob's size in bytes
     * @param gzip whether the blob is gzip data (else a plain tar)
     * @param index the URL of the layer's published index relative to the descriptor, or null when there
     *     is none
     * @param indexDigest the index file's digest ({@code sha256:<hex>}), or null when there is none
     */
    public record Layer(String digest, long size, boolean gzip, String index, String indexDigest) {

        /** The 64 hex digits of the digest. */
        public String hex() {
            return Digests.hex(digest);
        }
    }

    /** Bytes to download for all layer blobs: the "m" of "downloading n of m MB". */
    public long layersSize() {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.size();
        }
        return total;
    }

    /** Whether every layer has a published index, so layers can be fetched when first read. */
    public boolean indexed() {
        for (Layer layer : layers) {
            if (layer.index() == null) {
                return false;
            }
        }
        return !layers.isEmpty();
    }
}
