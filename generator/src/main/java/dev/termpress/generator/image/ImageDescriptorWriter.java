package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.termpress.generator.paths.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Writes the per-image descriptor the browser runtime reads; the format is docs/image-descriptor.md. */
final class ImageDescriptorWriter {

    /** Bumped when a change would break a runtime that reads an older format. */
    static final int FORMAT_VERSION = 1;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int NAME_HASH_HEX_DIGITS = 8;

    private ImageDescriptorWriter() {}

    /**
     * The descriptor's path relative to the site root: {@code images/NAME.json}, where a name with
     * characters unsafe in a URL or file name is replaced by a safe form plus a short hash of it, so
     * that different names never share a file.
     */
    static String relativePath(String imageName) {
        String file = imageName;
        if (!SAFE_NAME.matcher(imageName).matches()) {
            String safe = imageName.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^\\.+", "");
            String hash = Digest.of(Digest.newSha256().digest(imageName.getBytes(StandardCharsets.UTF_8))).hex();
            file = (safe.isEmpty() ? "image" : safe) + "-" + hash.substring(0, NAME_HASH_HEX_DIGITS);
        }
        return SiteBlobStore.IMAGES_DIR + "/" + file + ".json";
    }

    static void write(Path siteOutput, String relativePath, String imageName, ResolvedImage image,
            List<LayerFacts> facts) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("descriptorVersion", FORMAT_VERSION);
        root.put("name", imageName);
        root.put("reference", image.refName());
        Platform platform = image.config().platform();
        ObjectNode platformNode = root.putObject("platform");
        platformNode.put("os", platform.os());
        platformNode.put("architecture", platform.architecture());
        if (platform.variant() != null) {
            platformNode.put("variant", platform.variant());
        }
        root.put("blobs", SiteBlobStore.BLOBS_DIR + "/");
        ObjectNode manifest = root.putObject("manifest");
        describe(manifest, image.manifestDescriptor());

        ObjectNode config = root.putObject("config");
        describe(config, image.manifest().config());
        ImageConfig runtime = image.config();
        strings(config.putArray("env"), runtime.env());
        config.put("workingDir", runtime.workingDir());
        config.put("user", runtime.user());
        nullableStrings(config, "entrypoint", runtime.entrypoint());
        nullableStrings(config, "cmd", runtime.cmd());

        ArrayNode layers = root.putArray("layers");
        long total = 0;
        for (int i = 0; i < facts.size(); i++) {
            Descriptor layer = image.manifest().layers().get(i);
            ObjectNode node = layers.addObject();
            describe(node, layer);
            node.put("compression", MediaTypes.layerCompression(layer.mediaType()).orElseThrow().label);
            node.put("diffId", facts.get(i).diffId().toString());
            node.put("uncompressedSize", facts.get(i).uncompressedSize());
            Digest index = facts.get(i).indexDigest();
            node.put("index", SiteBlobStore.INDEXES_DIR + "/" + index.hex());
            node.put("indexDigest", index.toString());
            total += layer.size();
        }
        root.put("layersSize", total);

        AtomicFiles.write(siteOutput.resolve(relativePath),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static void describe(ObjectNode node, Descriptor descriptor) {
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest().toString());
        node.put("size", descriptor.size());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void nullableStrings(ObjectNode node, String field, List<String> values) {
        if (values == null) {
            node.putNull(field);
        } else {
            strings(node.putArray(field), values);
        }
    }
}
