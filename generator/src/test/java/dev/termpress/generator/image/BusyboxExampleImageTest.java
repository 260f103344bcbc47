package dev.termpress.generator.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed example image (content-examples/images/busybox, built by build-busybox.sh) publishes cleanly. */
class BusyboxExampleImageTest {

    /** Maven runs tests in the module directory. */
    static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");

    @TempDir
    Path site;

    @Test
    void publishesTheCommittedBusyboxLayout() throws Exception {
        PublishedImage published = new OciImagePublisher()
                .publish(new ImageSpec("busybox", BUSYBOX, "latest", Path.of("termpress.yaml"), 1), site);

        PublishedSite output = new PublishedSite(site);
        assertThat(published.descriptorPath()).isEqualTo("images/busybox.json");
        assertThat(output.assertBlobsMatchTheirNames()).isEqualTo(3);
        JsonNode descriptor = output.descriptor(published);
        assertThat(descriptor.get("platform").toString()).isEqualTo("{\"os\":\"linux\",\"architecture\":\"riscv64\"}");
        assertThat(descriptor.at("/config/cmd").toString()).isEqualTo("[\"/bin/sh\"]");
        assertThat(descriptor.at("/config/env/0").asText()).startsWith("PATH=").contains("/bin");
        assertThat(descriptor.get("layers")).hasSize(1);
        assertThat(descriptor.at("/layers/0/compression").asText()).isEqualTo("gzip");

        Map<String, TarArchiveEntry> entries = entries(
                output.blobs().resolve(descriptor.at("/layers/0/digest").asText().substring("sha256:".length())));
        assertThat(entries.get("bin/busybox").isFile()).isTrue();
        assertThat(entries.get("bin/busybox").getMode() & 0111).isNotZero();
        assertThat(entries.get("bin/sh").getLinkName()).isEqualTo("busybox");
        assertThat(entries).containsKeys("etc/passwd", "etc/group", "etc/hostname", "root", "tmp", "home");
        // Reproducible build: fixed mtimes and numeric owner 0.
        assertThat(entries.values()).allSatisfy(entry -> {
            assertThat(entry.getModTime().getTime()).isZero();
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
        });
    }

    private static Map<String, TarArchiveEntry> entries(Path gzipLayer) throws Exception {
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(gzipLayer));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(EntryNames.normalize(entry.getName()), entry);
            }
        }
        return entries;
    }
}
