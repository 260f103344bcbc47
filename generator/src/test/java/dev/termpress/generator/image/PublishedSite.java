package dev.termpress.generator.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads back what a publish wrote into a site, for assertions. */
final class PublishedSite {

    private final Path site;

    PublishedSite(Path site) {
        this.site = site;
    }

    Path blobs() {
        return site.resolve("images/blobs/sha256");
    }

    JsonNode descriptor(PublishedImage image) throws IOException {
        return Json.MAPPER.readTree(site.resolve(image.descriptorPath()).toFile());
    }

    /** Names of every file under images/ (no temporary files may remain). */
    List<String> files() throws IOException {
        Path images = site.resolve("images");
        if (!Files.exists(images)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(images)) {
            return walk.filter(Files::isRegularFile).map(p -> images.relativize(p).toString()).sorted().toList();
        }
    }

    /** Every published blob's sha256 equals its file name; returns how many there are. */
    int assertBlobsMatchTheirNames() throws IOException {
        try (Stream<Path> list = Files.list(blobs())) {
            List<Path> files = list.toList();
            for (Path file : files) {
                assertThat(Tars.hex(Files.readAllBytes(file))).as(file.toString()).isEqualTo(file.getFileName().toString());
            }
            return files.size();
        }
    }
}
