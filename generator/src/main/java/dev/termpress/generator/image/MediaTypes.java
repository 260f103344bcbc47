package dev.termpress.generator.image;

import java.util.List;
import java.util.Optional;

/** The media types termpress reads (image-spec media-types.md, plus Docker's v2 equivalents). */
final class MediaTypes {

    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** Deprecated in image-spec 1.1 but still written by older tools; the bytes are the same. */
    static final String OCI_LAYER_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    static final List<String> INDEXES = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    static final List<String> MANIFESTS = List.of(OCI_MANIFEST, DOCKER_MANIFEST);
    static final List<String> CONFIGS = List.of(OCI_CONFIG, DOCKER_CONFIG);
    static final List<String> LAYERS = List.of(OCI_LAYER, OCI_LAYER_GZIP, DOCKER_LAYER_GZIP,
            OCI_LAYER_NONDISTRIBUTABLE, OCI_LAYER_NONDISTRIBUTABLE_GZIP);

    private MediaTypes() {}

    static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    static boolean isManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }

    /** How a layer of this media type is compressed, or empty when termpress cannot read it. */
    static Optional<Compression> layerCompression(String mediaType) {
        return switch (mediaType) {
            case OCI_LAYER, OCI_LAYER_NONDISTRIBUTABLE -> Optional.of(Compression.NONE);
            case OCI_LAYER_GZIP, OCI_LAYER_NONDISTRIBUTABLE_GZIP, DOCKER_LAYER_GZIP -> Optional.of(Compression.GZIP);
            default -> Optional.empty();
        };
    }
}
