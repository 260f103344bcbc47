package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Layers with a published index (descriptor {@code layers[].index} and {@code indexDigest}): the runtime
 * boots from the index and fetches the layer only when the guest first reads a file in it. The indexes
 * are added to the built site here when the generator did not publish them.
 */
class LazyLayerTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(LazyLayerTest::openSite);

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.examples();
        addIndexes(site.output().resolve("images"), "busybox.json");
        return site;
    }

    @Test
    void indexFirstLayerWhenFirstRead() {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.onRequest(request -> requests.add(request.url()));
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.press("run");
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            assertThat(demo.command("cat /etc/passwd | head -1")).contains("root:x:0:0");
        }
        int index = indexOf(requests, "/images/indexes/sha256/");
        int layer = indexOf(requests, "/images/blobs/sha256/");
        assertThat(index).as("the index was fetched: %s", requests).isNotNegative();
        assertThat(layer).as("the layer came after its index: %s", requests).isGreaterThan(index);
    }

    private static int indexOf(List<String> urls, String part) {
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** Publishes an index for every layer of the descriptor that has none, as the generator will. */
    private static void addIndexes(Path images, String descriptorName) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path descriptorFile = images.resolve(descriptorName);
        ObjectNode descriptor = (ObjectNode) json.readTree(descriptorFile.toFile());
        for (var node : descriptor.withArray("layers")) {
            ObjectNode layer = (ObjectNode) node;
            if (layer.has("index")) {
                continue;
            }
            Path blob = images.resolve("blobs/sha256").resolve(layer.get("digest").asText().substring(7));
            byte[] index;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
                index = LayerIndex.build(TarInput.of(in, blob.toString())).toBytes();
            }
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));
            Path file = images.resolve("indexes/sha256").resolve(hex);
            Files.createDirectories(file.getParent());
            Files.write(file, index);
            layer.put("index", "indexes/sha256/" + hex);
            layer.put("indexDigest", "sha256:" + hex);
        }
        json.writeValue(descriptorFile.toFile(), descriptor);
    }
}
