package dev.termpress.generator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian trixie image that content-examples/images/build-debian.sh caches (not committed)
 * publishes cleanly and its layer keeps what a root filesystem needs; skipped until it is built.
 */
class DebianImageTest {

    /** Same rule as build-debian.sh: $TERMPRESS_IMAGE_CACHE/debian-trixie, default /work/cache/images. */
    static final Path LAYOUT = Path.of(System.getenv().getOrDefault("TERMPRESS_IMAGE_CACHE", "/work/cache/images"))
            .resolve("debian-trixie");

    @TempDir
    Path site;

    @Test
    void publishesTheCachedDebianLayout() throws Exception {
        assumeTrue(Files.isRegularFile(LAYOUT.resolve("index.json")),
                () -> LAYOUT + " is not built; run content-examples/images/build-debian.sh");

        PublishedImage published = new OciImagePublisher()
                .publish(new ImageSpec("debian", LAYOUT, "trixie", Path.of("termpress.yaml"), 1), site);

        PublishedSite output = new PublishedSite(site);
        assertThat(published.descriptorPath()).isEqualTo("images/debian.json");
        assertThat(output.assertBlobsMatchTheirNames()).isEqualTo(3);
        JsonNode descriptor = output.descriptor(published);
        assertThat(descriptor.get("reference").asText()).isEqualTo("trixie");
        assertThat(descriptor.get("platform").toString()).isEqualTo("{\"os\":\"linux\",\"architecture\":\"riscv64\"}");
        assertThat(descriptor.at("/config/env").toString())
                .isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]");
        assertThat(descriptor.at("/config/cmd").toString()).isEqualTo("[\"/bin/bash\"]");
        assertThat(descriptor.at("/config/entrypoint").isNull()).isTrue();
        assertThat(descriptor.get("layers")).hasSize(1);
        assertThat(descriptor.at("/layers/0/compression").asText()).isEqualTo("gzip");

        JsonNode config = Json.MAPPER.readTree(blob(output, descriptor.at("/config/digest")).toFile());
        long epochMillis = Instant.parse(config.get("created").asText()).toEpochMilli();
        assertLayerIsARootFilesystem(entries(blob(output, descriptor.at("/layers/0/digest"))), epochMillis);
    }

    private static void assertLayerIsARootFilesystem(List<TarArchiveEntry> entries, long epochMillis) {
        Map<String, TarArchiveEntry> byName = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (TarArchiveEntry entry : entries) {
            String name = EntryNames.normalize(entry.getName());
            assertThat(EntryNames.problem(entry.getName())).as(entry.getName()).isNull();
            assertThat(entry.getName()).as("no ./ prefix").doesNotStartWith("./");
            if (entry.isLink()) {
                assertThat(seen).as("hard link " + name + " follows its target")
                        .contains(EntryNames.normalize(entry.getLinkName()));
            }
            int slash = name.lastIndexOf('/');
            if (slash > 0) {
                assertThat(seen).as("directory before its entry " + name).contains(name.substring(0, slash));
            }
            assertThat(entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()).as(name).isFalse();
            assertThat(entry.getModTime().getTime()).as(name + " mtime clamped").isLessThanOrEqualTo(epochMillis);
            assertThat(entry.getUserName()).as(name).isEmpty();
            seen.add(name);
            byName.put(name, entry);
        }
        assertThat(byName.get("bin").getLinkName()).isEqualTo("usr/bin");
        assertThat(byName.get("usr/bin/bash").isFile()).isTrue();
        assertThat(byName.get("usr/bin/bash").getMode() & 0111).isNotZero();
        assertThat(byName.get("usr/bin/su").getMode() & 04000).as("su is setuid").isNotZero();
        assertThat(byName.get("etc/shadow").getLongGroupId()).as("shadow group, numeric").isEqualTo(42);
        assertThat(entries).as("hard links survive").anyMatch(TarArchiveEntry::isLink);
        assertThat(byName).containsKeys("etc/os-release", "var/lib/dpkg/status", "usr/bin/apt", "tmp", "root");
        for (String mounted : List.of("dev", "proc", "sys")) {
            assertThat(byName.get(mounted).isDirectory()).as(mounted).isTrue();
            assertThat(byName.keySet()).as(mounted + " is empty").noneMatch(name -> name.startsWith(mounted + "/"));
        }
    }

    private static Path blob(PublishedSite output, JsonNode digest) {
        return output.blobs().resolve(digest.asText().substring("sha256:".length()));
    }

    private static List<TarArchiveEntry> entries(Path gzipLayer) throws Exception {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(gzipLayer));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
