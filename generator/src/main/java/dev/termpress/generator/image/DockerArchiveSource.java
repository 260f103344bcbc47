package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code docker save} archive ({@code manifest.json}, a config file and a tar per layer), shown as
 * an OCI layout: each image gets a synthesized OCI manifest whose digests are the files' sha256.
 */
final class DockerArchiveSource implements ImageSource {

    static final String MANIFEST_JSON = "manifest.json";
    /** A file named by its own digest: {@code <hex>.json} (config) or {@code blobs/sha256/<hex>}. */
    private static final Pattern DIGEST_NAME = Pattern.compile("(?:.*/)?([a-f0-9]{64})(?:\\.json)?");
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final TarTree tree;
    private final String archive;
    private final Map<Digest, byte[]> synthesized = new HashMap<>();
    private final Map<Digest, String> files = new HashMap<>();
    private List<Descriptor> roots;

    DockerArchiveSource(TarTree tree, String archive) {
        this.tree = tree;
        this.archive = archive;
    }

    @Override
    public String describe() {
        return "docker save archive " + archive;
    }

    @Override
    public List<Descriptor> roots() throws ImageException, IOException {
        if (roots == null) {
            roots = readManifestJson();
        }
        return roots;
    }

    private List<Descriptor> readManifestJson() throws ImageException, IOException {
        String where = tree.locate(MANIFEST_JSON);
        byte[] bytes = Streams.readJson(tree.open(MANIFEST_JSON), where);
        JsonNode top = Json.parse(bytes, where, "a JSON array of {Config, RepoTags, Layers}");
        if (top == null || !top.isArray()) {
            throw new ImageException(where + ": malformed: expected a JSON array of {Config, RepoTags, Layers}");
        }
        List<Descriptor> result = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            result.add(synthesize(top.get(i), where + " [" + i + "]"));
        }
        return result;
    }

    /** Builds the OCI manifest for one docker image entry and remembers where its blobs are. */
    private Descriptor synthesize(JsonNode entry, String where) throws ImageException, IOException {
        if (!entry.isObject()) {
            throw new ImageException(where + ": expected an object with Config, RepoTags and Layers, found " + entry);
        }
        String configPath = Json.text(entry, "Config", where);
        List<String> tags = Json.optionalStrings(entry, "RepoTags", where);
        List<JsonNode> layerPaths = Json.array(entry, "Layers", where);

        byte[] configBytes = Streams.readJson(tree.open(configPath), tree.locate(configPath));
        Digest configDigest = claimedOrComputed(configPath, configBytes);
        files.put(configDigest, configPath);
        List<String> diffIds = diffIds(configBytes, tree.locate(configPath));
        if (diffIds.size() != layerPaths.size()) {
            throw new ImageException(where + ": lists " + layerPaths.size() + " layers but its config "
                    + configPath + " has " + diffIds.size() + " rootfs.diff_ids; they must match one to one");
        }

        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptorNode(MediaTypes.OCI_CONFIG, configDigest, configBytes.length));
        ArrayNode layers = manifest.putArray("layers");
        for (int i = 0; i < layerPaths.size(); i++) {
            if (!layerPaths.get(i).isTextual()) {
                throw new ImageException(where + ": Layers[" + i + "] must be a path string, found " + layerPaths.get(i));
            }
            layers.add(layer(layerPaths.get(i).asText(), diffIds.get(i), where + " Layers[" + i + "]"));
        }
        byte[] manifestBytes = Json.MAPPER.writeValueAsBytes(manifest);
        Digest manifestDigest = Digest.of(Digest.newSha256().digest(manifestBytes));
        synthesized.put(manifestDigest, manifestBytes);
        return new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes.length, null,
                tags == null ? List.of() : tags);
    }

    /**
     * A layer's descriptor. An uncompressed layer's digest is its diff_id, which the publisher then
     * verifies; a gzip layer's digest must be computed here (one extra read).
     */
    private ObjectNode layer(String path, String diffId, String where) throws ImageException, IOException {
        long size = 0;
        boolean gzip;
        Digest digest;
        try (InputStream in = new BufferedInputStream(tree.open(path))) {
            in.mark(2);
            gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
            in.reset();
            if (gzip) {
                MessageDigest sha = Digest.newSha256();
                try (DigestInputStream hashing = new DigestInputStream(in, sha)) {
                    size = hashing.transferTo(OutputStream.nullOutputStream());
                }
                digest = Digest.of(sha.digest());
            } else {
                size = in.transferTo(OutputStream.nullOutputStream());
                Matcher named = DIGEST_NAME.matcher(path);
                digest = named.matches() ? new Digest(named.group(1)) : Digest.parse(diffId, where + " (diff_id)");
            }
        }
        files.put(digest, path);
        return descriptorNode(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, size);
    }

    private static List<String> diffIds(byte[] configBytes, String where) throws ImageException {
        JsonNode config = Json.parseObject(configBytes, where);
        JsonNode rootfs = config.get("rootfs");
        if (rootfs == null || !rootfs.isObject()) {
            throw new ImageException(where + ": field \"rootfs\" must be an object with diff_ids");
        }
        List<String> diffIds = Json.optionalStrings(rootfs, "diff_ids", where + " (rootfs)");
        return diffIds == null ? List.of() : diffIds;
    }

    private Digest claimedOrComputed(String path, byte[] bytes) {
        Matcher named = DIGEST_NAME.matcher(path);
        return named.matches() ? new Digest(named.group(1)) : Digest.of(Digest.newSha256().digest(bytes));
    }

    private static ObjectNode descriptorNode(String mediaType, Digest digest, long size) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        return node;
    }

    @Override
    public String locate(Digest digest) {
        if (synthesized.containsKey(digest)) {
            return archive + " (manifest made from " + MANIFEST_JSON + ")";
        }
        String path = files.get(digest);
        return path == null ? archive + " (no file with " + digest + ")" : tree.locate(path);
    }

    @Override
    public InputStream openBlob(Digest digest) throws ImageException, IOException {
        byte[] bytes = synthesized.get(digest);
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        String path = files.get(digest);
        if (path == null) {
            throw new ImageException(locate(digest) + ": missing blob; " + MANIFEST_JSON + " names no such file");
        }
        return tree.open(path);
    }

    @Override
    public void close() {
        tree.close();
    }
}
