package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Layers with a published index (descriptor {@code layers[].index} and {@code indexDigest}): the runtime
 * boots from the index and fetches the layer after it (a small layer with the indexes, within
 * {@code ImageLoader.PREFETCH_BUDGET_BYTES}, a larger one when the guest first reads a file in it).
 */
class LazyLayerTest {

    @RegisterExtension
    static final LiveSite live = new LiveSite(LazyLayerTest::openSite);

    private static String layerBlob;

    private static ServedSite openSite() throws Exception {
        ServedSite site = ServedSite.examples();
        assertEveryLayerHasAnIndex(site.output().resolve("images"), "busybox.json");
        JsonNode descriptor = new ObjectMapper().readTree(site.output().resolve("images/busybox.json").toFile());
        layerBlob = "/images/blobs/sha256/" + descriptor.at("/layers/0/digest").asText().substring("sha256:".length());
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
            demo.runToPrompt();
            assertThat(demo.command("cat /etc/passwd | head -1")).contains("root:x:0:0");
        }
        int index = indexOf(requests, "/images/indexes/sha256/");
        int layer = indexOf(requests, layerBlob); // not the boot snapshot, also a blob
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

    /** The generator's side of the contract: every layer of the descriptor names its published index. */
    private static void assertEveryLayerHasAnIndex(Path images, String descriptorName) throws Exception {
        JsonNode descriptor = new ObjectMapper().readTree(images.resolve(descriptorName).toFile());
        JsonNode layers = descriptor.path("layers");
        assertThat(layers.size()).as("layers in %s", descriptorName).isPositive();
        for (JsonNode layer : layers) {
            String index = layer.path("index").asText();
            assertThat(index).as("layers[].index of %s", layer).startsWith("indexes/sha256/");
            assertThat(layer.path("indexDigest").asText()).isEqualTo("sha256:" + index.substring("indexes/sha256/".length()));
            assertThat(images.resolve(index)).isRegularFile();
        }
    }
}
