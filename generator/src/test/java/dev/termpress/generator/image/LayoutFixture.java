package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes OCI image layouts (directory or oci-archive tar) from {@link TestImage}s. */
final class LayoutFixture {

    private static final String OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}";

    private final ArrayNode manifests = Json.MAPPER.createArrayNode();
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private byte[] indexOverride;

    /** Adds an index entry for the image, with its platform and (when not null) a ref name. */
    LayoutFixture image(TestImage image, String refName) {
        return image(image, refName, true);
    }

    LayoutFixture image(TestImage image, String refName, boolean declarePlatform) {
        blobs.putAll(image.blobs());
        manifests.add(entry(image, refName, declarePlatform));
        return this;
    }

    /** Adds the image's blobs without an index entry. */
    LayoutFixture blobsOf(TestImage image) {
        blobs.putAll(image.blobs());
        return this;
    }

    /** Adds an entry pointing to a nested image index that lists these images by platform. */
    LayoutFixture index(String refName, TestImage... images) {
        ObjectNode nested = Json.MAPPER.createObjectNode();
        nested.put("schemaVersion", 2);
        nested.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode list = nested.putArray("manifests");
        for (TestImage image : images) {
            blobs.putAll(image.blobs());
            list.add(entry(image, null, true));
        }
        byte[] bytes = TestImage.bytes(nested);
        blobs.put(Tars.hex(bytes), bytes);
        ObjectNode descriptor = TestImage.descriptor(MediaTypes.OCI_INDEX, bytes);
        annotate(descriptor, refName);
        manifests.add(descriptor);
        return this;
    }

    /** Adds a raw index entry, e.g. one with an unsupported media type. */
    LayoutFixture entry(ObjectNode descriptor, byte[] blob) {
        if (blob != null) {
            blobs.put(Tars.hex(blob), blob);
        }
        manifests.add(descriptor);
        return this;
    }

    /** Replaces index.json with these bytes. */
    LayoutFixture indexJson(String text) {
        indexOverride = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Path writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), OCI_LAYOUT);
        Files.write(dir.resolve("index.json"), indexBytes());
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            Files.write(dir.resolve("blobs/sha256").resolve(blob.getKey()), blob.getValue());
        }
        return dir;
    }

    /** Writes the layout as an oci-archive tar, with any extra (e.g. hostile) entries at the end. */
    Path writeArchive(Path tar, Tars.Item... extra) throws IOException {
        List<Tars.Item> items = new ArrayList<>(items());
        items.addAll(List.of(extra));
        Files.write(tar, Tars.tar(items));
        return tar;
    }

    private List<Tars.Item> items() {
        List<Tars.Item> items = new ArrayList<>();
        items.add(Tars.Item.file("oci-layout", OCI_LAYOUT));
        items.add(Tars.Item.file("index.json", indexBytes()));
        items.add(Tars.Item.dir("blobs/"));
        items.add(Tars.Item.dir("blobs/sha256/"));
        blobs.forEach((hex, bytes) -> items.add(Tars.Item.file("blobs/sha256/" + hex, bytes)));
        return items;
    }

    private byte[] indexBytes() {
        if (indexOverride != null) {
            return indexOverride;
        }
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.set("manifests", manifests);
        return TestImage.bytes(index);
    }

    private static ObjectNode entry(TestImage image, String refName, boolean declarePlatform) {
        ObjectNode descriptor = TestImage.descriptor(MediaTypes.OCI_MANIFEST, image.manifestBytes());
        if (declarePlatform) {
            ObjectNode platform = descriptor.putObject("platform");
            platform.put("architecture", image.architecture());
            platform.put("os", image.os());
        }
        annotate(descriptor, refName);
        return descriptor;
    }

    private static void annotate(ObjectNode descriptor, String refName) {
        if (refName != null) {
            descriptor.putObject("annotations").put(DescriptorJson.REF_NAME, refName);
        }
    }
}
