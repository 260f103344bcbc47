package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A single-platform image built in memory: layers, config and manifest as bytes. */
final class TestImage {

    /** A layer blob as stored, with its media type and uncompressed bytes. */
    record Layer(byte[] blob, String mediaType, byte[] uncompressed) {}

    private final String os;
    private final String architecture;
    private final List<Layer> layers = new ArrayList<>();
    private List<String> cmd = List.of("/bin/sh");
    private List<String> entrypoint;
    private List<String> env = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    private String workingDir = "/";
    private String user;
    private byte[] configOverride;
    private byte[] manifestOverride;

    private TestImage(String os, String architecture) {
        this.os = os;
        this.architecture = architecture;
    }

    static TestImage riscv64() {
        return new TestImage("linux", "riscv64");
    }

    static TestImage of(String os, String architecture) {
        return new TestImage(os, architecture);
    }

    TestImage gzipLayer(Tars.Item... items) {
        byte[] tar = Tars.tar(items);
        layers.add(new Layer(Tars.gzip(tar), MediaTypes.OCI_LAYER_GZIP, tar));
        return this;
    }

    TestImage plainLayer(Tars.Item... items) {
        byte[] tar = Tars.tar(items);
        layers.add(new Layer(tar, MediaTypes.OCI_LAYER, tar));
        return this;
    }

    /** A layer with any bytes and media type, e.g. to test unsupported or corrupt layers. */
    TestImage rawLayer(byte[] blob, String mediaType, byte[] uncompressed) {
        layers.add(new Layer(blob, mediaType, uncompressed));
        return this;
    }

    TestImage cmd(String... cmd) {
        this.cmd = List.of(cmd);
        return this;
    }

    TestImage entrypoint(String... entrypoint) {
        this.entrypoint = List.of(entrypoint);
        return this;
    }

    TestImage env(String... env) {
        this.env = List.of(env);
        return this;
    }

    TestImage workingDir(String workingDir) {
        this.workingDir = workingDir;
        return this;
    }

    TestImage user(String user) {
        this.user = user;
        return this;
    }

    /** Uses these bytes as the config blob (the manifest then points at them). */
    TestImage configBytes(byte[] bytes) {
        this.configOverride = bytes;
        return this;
    }

    /** Uses these bytes as the manifest blob. */
    TestImage manifestBytesOverride(byte[] bytes) {
        this.manifestOverride = bytes;
        return this;
    }

    String os() {
        return os;
    }

    String architecture() {
        return architecture;
    }

    List<Layer> layers() {
        return layers;
    }

    byte[] configBytes() {
        if (configOverride != null) {
            return configOverride;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", architecture);
        root.put("os", os);
        ObjectNode config = root.putObject("config");
        strings(config.putArray("Env"), env);
        if (entrypoint != null) {
            strings(config.putArray("Entrypoint"), entrypoint);
        }
        strings(config.putArray("Cmd"), cmd);
        config.put("WorkingDir", workingDir);
        if (user != null) {
            config.put("User", user);
        }
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(Tars.sha256(layer.uncompressed())));
        return bytes(root);
    }

    byte[] manifestBytes() {
        if (manifestOverride != null) {
            return manifestOverride;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.set("config", descriptor(MediaTypes.OCI_CONFIG, configBytes()));
        ArrayNode array = root.putArray("layers");
        layers.forEach(layer -> array.add(descriptor(layer.mediaType(), layer.blob())));
        return bytes(root);
    }

    /** Every blob of the image by hex digest: layers, config, manifest. */
    Map<String, byte[]> blobs() {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        layers.forEach(layer -> blobs.put(Tars.hex(layer.blob()), layer.blob()));
        blobs.put(Tars.hex(configBytes()), configBytes());
        blobs.put(Tars.hex(manifestBytes()), manifestBytes());
        return blobs;
    }

    static ObjectNode descriptor(String mediaType, byte[] blob) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", Tars.sha256(blob));
        node.put("size", blob.length);
        return node;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
