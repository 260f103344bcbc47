package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.config.SiteConfigLoader;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sites pulling the same image into one blob cache at the same time (two builds of the user at once). */
class ConcurrentPullTest {

    private static final String LAYER = "sha256:d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19";

    @TempDir
    Path temp;
    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        registry.addLayout(RegistryImagesTest.BUSYBOX, "1");
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Path site(String name) throws Exception {
        Path site = Files.createDirectories(temp.resolve(name));
        Files.writeString(site.resolve("termpress.yaml"), "images:\n  box: " + registry.host() + "/busybox:1\n");
        return site;
    }

    /** Each pull is its own client and cache object over the same directory, as two processes would be. */
    private Path pull(Path site) throws Exception {
        PullSettings settings = new PullSettings(PullSettings.Mode.PINNED, new BlobCache(temp.resolve("cache")),
                new Credentials(Map.of(), temp.resolve("none.json")), ProxySelector.of(null), Set.of(),
                Duration.ofMillis(5), notice -> {});
        return new RegistryImages(settings, status -> {}).resolve(SiteConfigLoader.load(site), site)
                .image("box").orElseThrow().source();
    }

    @Test
    void twoPullsOfOneBlobAtOnceBothSucceedAndLeaveAValidCache() throws Exception {
        registry.meet.put(LAYER, new CountDownLatch(2));
        List<Path> sites = List.of(site("one"), site("two"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> pulls = new ArrayList<>();
            for (Path site : sites) {
                pulls.add(pool.submit(() -> pull(site)));
            }
            for (Future<Path> pulled : pulls) {
                Path layout = pulled.get(60, TimeUnit.SECONDS);
                assertThat(layout.resolve("index.json")).exists();
            }
        } finally {
            pool.shutdownNow();
        }
        Path blobs = temp.resolve("cache/blobs/sha256");
        assertThat(Files.mismatch(blobs.resolve(LAYER.substring(7)),
                RegistryImagesTest.BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)))).isEqualTo(-1);
        try (Stream<Path> left = Files.list(blobs)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        assertThat(registry.requests.stream().filter(r -> r.startsWith("GET /v2/busybox/blobs/" + LAYER)))
                .as("the second pull waits for the first and takes its blob from the cache").hasSize(1);
        for (Path site : sites) {
            assertThat(site.resolve("termpress.lock")).exists();
        }
    }
}
