package dev.termpress.generator.image;

import java.nio.file.Path;

/** Resolves an image to its {@code linux/riscv64} manifest, verifies it and copies it into a site. */
public interface ImagePublisher {

    /**
     * Writes the image's blobs (each once per site) under {@code siteOutput/images/blobs/sha256/}
     * and its descriptor, verifying every blob's sha256 and size on the way.
     *
     * @throws ImageException with a message naming the file and what would be valid
     */
    PublishedImage publish(ImageSpec spec, Path siteOutput) throws ImageException;
}
