package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An image manifest (image-spec manifest.md): the config and the layers, bottom first.
 *
 * @param config the config blob's descriptor
 * @param layers the layer blobs' descriptors, in order of application
 */
record Manifest(Descriptor config, List<Descriptor> layers) {

    /** image-spec manifest.md: "schemaVersion ... MUST be 2". */
    static final int SCHEMA_VERSION = 2;

    Manifest {
        layers = List.copyOf(layers);
    }

    /** Parses and checks a manifest; {@code descriptorType} is the media type its descriptor gave. */
    static Manifest parse(byte[] bytes, String descriptorType, String where) throws ImageException {
        JsonNode node = Json.parseObject(bytes, where);
        JsonNode version = node.get("schemaVersion");
        if (version == null || !version.isInt() || version.asInt() != SCHEMA_VERSION) {
            throw new ImageException(where + ": schemaVersion must be " + SCHEMA_VERSION + ", found " + version);
        }
        String ownType = Json.optionalText(node, "mediaType", where);
        if (ownType != null && !ownType.equals(descriptorType)) {
            throw new ImageException(where + ": mediaType is " + ownType + " but its descriptor says "
                    + descriptorType + "; they must agree");
        }
        JsonNode configNode = node.get("config");
        if (configNode == null) {
            throw new ImageException(where + ": field \"config\" is missing; a manifest needs a config descriptor");
        }
        Descriptor config = DescriptorJson.parse(configNode, where + " config");
        if (!MediaTypes.CONFIGS.contains(config.mediaType())) {
            throw new ImageException(where + ": config has unsupported media type " + config.mediaType()
                    + "; expected one of " + MediaTypes.CONFIGS);
        }
        List<Descriptor> layers = new ArrayList<>();
        List<JsonNode> layerNodes = Json.array(node, "layers", where);
        for (int i = 0; i < layerNodes.size(); i++) {
            Descriptor layer = DescriptorJson.parse(layerNodes.get(i), where + " layers[" + i + "]");
            if (MediaTypes.layerCompression(layer.mediaType()).isEmpty()) {
                throw new ImageException(where + ": layers[" + i + "] has unsupported media type "
                        + layer.mediaType() + "; expected one of " + MediaTypes.LAYERS
                        + " (recompress zstd layers with gzip, e.g. skopeo copy --dest-compress-format gzip)");
            }
            layers.add(layer);
        }
        return new Manifest(config, layers);
    }
}
