package dev.termpress.generator.image;

import java.util.List;

/**
 * A content descriptor (image-spec descriptor.md): what a blob is, its digest and size.
 *
 * @param mediaType the blob's media type
 * @param digest the blob's sha256
 * @param size the blob's size in bytes
 * @param platform the platform an index entry declares, or {@code null}
 * @param refNames tags naming this entry ({@code org.opencontainers.image.ref.name} or docker
 *     {@code RepoTags}); empty when none
 */
record Descriptor(String mediaType, Digest digest, long size, Platform platform, List<String> refNames) {

    Descriptor {
        refNames = List.copyOf(refNames);
    }

    Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, List.of());
    }
}
