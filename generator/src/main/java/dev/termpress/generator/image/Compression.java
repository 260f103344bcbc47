package dev.termpress.generator.image;

/** How a layer blob is compressed; {@link #label} is the name the image descriptor uses. */
enum Compression {
    NONE("none"),
    GZIP("gzip");

    final String label;

    Compression(String label) {
        this.label = label;
    }
}
