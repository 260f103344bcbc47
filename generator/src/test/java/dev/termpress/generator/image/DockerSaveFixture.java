package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code docker save} tars in the classic layout: {@code manifest.json}, {@code <hex>.json}
 * configs and {@code <id>/layer.tar}; a layer shared by two images is a relative symlink, as docker
 * writes it.
 */
final class DockerSaveFixture {

    private final ArrayNode manifest = Json.MAPPER.createArrayNode();
    private final List<Tars.Item> items = new ArrayList<>();
    private final Map<String, String> layerPaths = new HashMap<>();
    private int nextId;

    DockerSaveFixture image(TestImage image, String... tags) {
        byte[] config = image.configBytes();
        String configName = Tars.hex(config) + ".json";
        items.add(Tars.Item.file(configName, config));
        ObjectNode entry = manifest.addObject();
        entry.put("Config", configName);
        ArrayNode tagArray = entry.putArray("RepoTags");
        for (String tag : tags) {
            tagArray.add(tag);
        }
        ArrayNode layers = entry.putArray("Layers");
        for (TestImage.Layer layer : image.layers()) {
            String id = String.format("%064x", ++nextId);
            String path = id + "/layer.tar";
            String existing = layerPaths.putIfAbsent(Tars.hex(layer.blob()), path);
            items.add(Tars.Item.dir(id + "/"));
            if (existing == null) {
                items.add(Tars.Item.file(path, layer.blob()));
            } else {
                items.add(Tars.Item.symlink(path, "../" + existing));
            }
            layers.add(path);
        }
        return this;
    }

    Path write(Path tar, Tars.Item... extra) throws IOException {
        List<Tars.Item> all = new ArrayList<>();
        all.add(Tars.Item.file("manifest.json", manifestBytes()));
        all.addAll(items);
        all.addAll(List.of(extra));
        Files.write(tar, Tars.tar(all));
        return tar;
    }

    /** Writes with these bytes as manifest.json. */
    Path writeWithManifest(Path tar, String manifestJson) throws IOException {
        List<Tars.Item> all = new ArrayList<>();
        all.add(Tars.Item.file("manifest.json", manifestJson));
        all.addAll(items);
        Files.write(tar, Tars.tar(all));
        return tar;
    }

    private byte[] manifestBytes() {
        try {
            return Json.MAPPER.writeValueAsBytes(manifest);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
