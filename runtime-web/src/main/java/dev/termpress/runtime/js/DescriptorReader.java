package dev.termpress.runtime.js;

import dev.termpress.runtime.boot.BootSnapshot;
import dev.termpress.runtime.boot.Digests;
import dev.termpress.emulator.guest.ContainerSettings;
import dev.termpress.runtime.boot.ImageDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;

/** Reads an image descriptor's JSON (docs/image-descriptor.md); errors name the URL and the field. */
public final class DescriptorReader {

    private final String url;

    private DescriptorReader(String url) {
        this.url = url;
    }

    /**
     * Parses the descriptor fetched from {@code url}.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static ImageDescriptor read(String url, String text) {
        return new DescriptorReader(url).read(text);
    }

    private ImageDescriptor read(String text) {
        if (!JsJson.isJson(text)) {
            throw bad("is not JSON (is the image descriptor URL right?)");
        }
        JSObject json = JsJson.parse(text);
        double version = JsJson.number(json, "descriptorVersion");
        if (version != ImageDescriptor.VERSION) {
            throw bad("has descriptorVersion " + (version < 0 ? "(none)" : String.valueOf((long) version))
                    + "; this runtime reads version " + ImageDescriptor.VERSION + " (rebuild the site)");
        }
        String blobs = required(json, "blobs");
        JSObject config = JsJson.object(json, "config");
        if (config == null) {
            throw bad("has no config object");
        }
        ContainerSettings image = new ContainerSettings(strings(config, "config.", "env"), JsJson.string(config, "workingDir"),
                JsJson.string(config, "user"), strings(config, "config.", "entrypoint"),
                strings(config, "config.", "cmd"));
        int count = JsJson.arrayLength(json, "layers");
        if (count < 1) {
            throw bad("has no layers array with at least one layer");
        }
        List<ImageDescriptor.Layer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            layers.add(layer(JsJson.element(json, "layers", i), "layers[" + i + "]."));
        }
        String name = JsJson.string(json, "name");
        String manifest = JsJson.string(JsJson.object(json, "manifest"), "digest");
        if (manifest != null && !Digests.valid(manifest)) {
            throw bad("has manifest.digest " + manifest + " (valid: sha256: and 64 lowercase hex digits)");
        }
        // The snapshot is optional: a damaged object costs the resume, never the boot.
        JSObject snapshotObject = JsJson.object(json, "snapshot");
        BootSnapshot snapshot = null;
        String snapshotProblem = null;
        if (snapshotObject != null) {
            try {
                snapshot = BootSnapshot.of(JsJson.string(snapshotObject, "mediaType"),
                        JsJson.string(snapshotObject, "digest"), JsJson.number(snapshotObject, "size"),
                        JsJson.string(snapshotObject, "kernelSha256"), JsJson.number(snapshotObject, "emulatorVersion"),
                        JsJson.number(snapshotObject, "formatVersion"));
                JSObject cold = JsJson.object(snapshotObject, "cold");
                if (cold != null) {
                    snapshot = snapshot.withCold(JsJson.string(cold, "mediaType"), JsJson.string(cold, "digest"),
                            JsJson.number(cold, "size"));
                }
            } catch (IllegalArgumentException e) {
                snapshotProblem = e.getMessage();
            }
        }
        return new ImageDescriptor(name == null ? url : name, blobs, image, layers, manifest, snapshot,
                snapshotProblem);
    }

    private ImageDescriptor.Layer layer(JSObject layer, String where) {
        String digest = digest(layer, where);
        long size = size(layer, where);
        String compression = JsJson.string(layer, "compression");
        if (!"gzip".equals(compression) && !"none".equals(compression)) {
            throw bad("has " + where + "compression " + compression + " (valid: gzip, none)");
        }
        String index = JsJson.string(layer, "index");
        String indexDigest = JsJson.string(layer, "indexDigest");
        if ((index == null) != (indexDigest == null)) {
            throw bad("has only one of " + where + "index and " + where + "indexDigest (a layer has both or neither)");
        }
        if (indexDigest != null && !Digests.valid(indexDigest)) {
            throw bad("has " + where + "indexDigest " + indexDigest + " (valid: sha256: and 64 lowercase hex digits)");
        }
        return new ImageDescriptor.Layer(digest, size, "gzip".equals(compression), index, indexDigest);
    }

    private String digest(JSObject object, String where) {
        String digest = JsJson.string(object, "digest");
        if (!Digests.valid(digest)) {
            throw bad("has " + where + "digest " + digest + " (valid: sha256: and 64 lowercase hex digits)");
        }
        return digest;
    }

    private long size(JSObject object, String where) {
        double size = JsJson.number(object, "size");
        if (size < 0 || size != Math.floor(size) || size > Integer.MAX_VALUE) {
            throw bad("has " + where + "size " + size + " (valid: a whole number of bytes below 2 GiB)");
        }
        return (long) size;
    }

    private List<String> strings(JSObject object, String prefix, String key) {
        int length = JsJson.arrayLength(object, key);
        if (length < 0) {
            return null;
        }
        List<String> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            String value = JsJson.stringElement(object, key, i);
            if (value == null) {
                throw bad("has a non-string in " + prefix + key + "[" + i + "]");
            }
            values.add(value);
        }
        return values;
    }

    private String required(JSObject json, String key) {
        String value = JsJson.string(json, key);
        if (value == null) {
            throw bad("has no " + key + " string");
        }
        return value;
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("image descriptor " + url + " " + what);
    }
}
