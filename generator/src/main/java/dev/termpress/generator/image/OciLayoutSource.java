package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** An OCI image layout (image-spec image-layout.md), in a directory or inside an {@code oci-archive} tar. */
final class OciLayoutSource implements ImageSource {

    static final String OCI_LAYOUT = "oci-layout";
    static final String INDEX_JSON = "index.json";
    static final String BLOBS = "blobs/sha256/";

    private final FileTree tree;
    private final String description;

    OciLayoutSource(FileTree tree, String description) {
        this.tree = tree;
        this.description = description;
    }

    /** Whether the tree looks like an image layout (both marker files present). */
    static boolean isLayout(FileTree tree) {
        return tree.exists(OCI_LAYOUT) && tree.exists(INDEX_JSON);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Descriptor> roots() throws ImageException, IOException {
        String layoutWhere = tree.locate(OCI_LAYOUT);
        JsonNode layout = Json.parseObject(Streams.readJson(tree.open(OCI_LAYOUT), layoutWhere), layoutWhere);
        Json.text(layout, "imageLayoutVersion", layoutWhere);

        String where = tree.locate(INDEX_JSON);
        JsonNode index = Json.parseObject(Streams.readJson(tree.open(INDEX_JSON), where), where);
        List<Descriptor> roots = new ArrayList<>();
        List<JsonNode> manifests = Json.array(index, "manifests", where);
        for (int i = 0; i < manifests.size(); i++) {
            roots.add(DescriptorJson.parse(manifests.get(i), where + " manifests[" + i + "]"));
        }
        return roots;
    }

    @Override
    public String locate(Digest digest) {
        return tree.locate(BLOBS + digest.hex());
    }

    @Override
    public InputStream openBlob(Digest digest) throws ImageException, IOException {
        return tree.open(BLOBS + digest.hex());
    }

    @Override
    public void close() {
        try {
            tree.close();
        } catch (IOException e) {
            // Read-only handle: nothing to lose.
        }
    }
}
