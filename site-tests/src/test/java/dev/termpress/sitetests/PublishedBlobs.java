package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The blobs a built site publishes, found through an image's descriptor, and damaged on disk for tests. */
final class PublishedBlobs {

    private PublishedBlobs() {
    }

    /** The blob whose digest {@code pointer} (a JSON pointer such as /layers/0/digest) names in {@code image}'s descriptor. */
    static Path named(Path output, String image, String pointer) throws IOException {
        JsonNode descriptor = new ObjectMapper().readTree(output.resolve("images/" + image + ".json").toFile());
        String digest = descriptor.at(pointer).asText();
        assertThat(digest).as("%s in the %s descriptor", pointer, image).startsWith("sha256:");
        return output.resolve("images/blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    /** Flips bits of one byte in the middle: the size stays, only the digest can tell. */
    static void corrupt(Path blob) throws IOException {
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(blob, bytes);
    }
}
