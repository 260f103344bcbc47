package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.image.ImageException;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A blob body that stops arriving while the connection stays open is cut and resumed, never waited on forever. */
class StalledDownloadTest {

    private static final String LAYER = "sha256:d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19";

    @TempDir
    Path temp;

    private FakeRegistry registry;
    private RegistryClient client;
    private ImageReference ref;
    private long size;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        registry.addLayout(RegistryImagesTest.BUSYBOX, "1");
        client = new RegistryClient(new Credentials(Map.of(), temp.resolve("none.json")), Set.of(), Duration.ofMillis(5),
                ProxySelector.of(null), Duration.ofMillis(300));
        ref = ImageReference.parse(registry.host() + "/busybox:1");
        size = Files.size(RegistryImagesTest.BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    @Timeout(30) // before the watchdog this download blocked until the registry went away
    void aStalledDownloadIsResumedWithARangeRequest() throws Exception {
        registry.stallOnce.put(LAYER, 200_000);
        Path target = temp.resolve("blob");

        client.blob(ref, LAYER, size, target, temp.resolve(".blob.part"), RegistryClient.DownloadListener.NONE);

        assertThat(Files.mismatch(target, RegistryImagesTest.BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7))))
                .isEqualTo(-1);
        assertThat(registry.requests).anyMatch(r -> r.startsWith("GET /v2/busybox/blobs/" + LAYER + " Range=bytes="));
    }

    @Test
    @Timeout(30)
    void aRegistryThatAlwaysStallsFailsSayingSo() {
        // stallOnce holds one entry per digest: keep refilling it from a second thread while the client retries.
        Thread refill = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                registry.stallOnce.putIfAbsent(LAYER, 0);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        refill.setDaemon(true);
        refill.start();
        try {
            assertThatThrownBy(() -> client.blob(ref, LAYER, size, temp.resolve("blob"), temp.resolve(".blob.part"),
                    RegistryClient.DownloadListener.NONE))
                    .isInstanceOf(ImageException.class)
                    .hasMessageContaining("is truncated: 0 of " + size)
                    .hasMessageContaining("no data for 300 ms");
        } finally {
            refill.interrupt();
        }
    }
}
