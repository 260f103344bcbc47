package dev.termpress.generator.cli;

import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.OciImagePublisher;

/** The image publisher the command line uses. */
final class Publishers {

    private Publishers() {}

    /** Publishes OCI layouts, oci-archive tars and docker save tars. */
    static ImagePublisher standard() {
        return new OciImagePublisher();
    }
}
