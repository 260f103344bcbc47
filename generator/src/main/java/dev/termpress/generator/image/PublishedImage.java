package dev.termpress.generator.image;

/**
 * What publishing an image into a site produced.
 *
 * @param name the image's name in the site
 * @param descriptorPath the image descriptor the runtime reads, relative to the site root
 *     (for example {@code images/busybox.json})
 * @param blobsWritten blobs newly written by this call (blobs already present are shared)
 * @param bytesWritten bytes newly written by this call
 */
public record PublishedImage(String name, String descriptorPath, int blobsWritten, long bytesWritten) {}
