package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses descriptors and platforms as image-spec descriptor.md and image-index.md define them. */
final class DescriptorJson {

    /** The annotation that names an index entry (image-spec annotations.md). */
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The full image name that docker (25 and later) and containerd put beside {@link #REF_NAME}. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private DescriptorJson() {}

    static Descriptor parse(JsonNode node, String where) throws ImageException {
        if (!node.isObject()) {
            throw new ImageException(where + ": expected a descriptor object with mediaType, digest and size, found " + node);
        }
        String mediaType = Json.text(node, "mediaType", where);
        Digest digest = Digest.parse(Json.text(node, "digest", where), where);
        long size = Json.size(node, "size", where);
        Platform platform = null;
        JsonNode platformNode = node.get("platform");
        if (platformNode != null && !platformNode.isNull()) {
            platform = platform(platformNode, where + " (platform)");
        }
        List<String> refNames = new ArrayList<>();
        JsonNode annotations = node.get("annotations");
        if (annotations != null && annotations.isObject()) {
            for (String key : new String[] {REF_NAME, CONTAINERD_NAME}) {
                String refName = Json.optionalText(annotations, key, where + " (annotations)");
                if (refName != null) {
                    refNames.add(refName);
                }
            }
        }
        return new Descriptor(mediaType, digest, size, platform, refNames);
    }

    static Platform platform(JsonNode node, String where) throws ImageException {
        if (!node.isObject()) {
            throw new ImageException(where + ": expected an object with os and architecture, found " + node);
        }
        return new Platform(Json.text(node, "os", where), Json.text(node, "architecture", where),
                Json.optionalText(node, "variant", where));
    }
}
