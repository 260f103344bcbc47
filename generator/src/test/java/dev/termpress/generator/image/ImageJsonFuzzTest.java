package dev.termpress.generator.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the image import's JSON readers, whose input comes from any image a
 * site names: the manifest, the config and the index (its manifests' descriptors). Whatever the bytes,
 * each parses or is refused with an {@link ImageException} (no other exception).
 *
 * <p>An input: byte 0 picks the document (manifest, config, index), the rest is the JSON. {@link #main}
 * writes the committed seeds.
 */
class ImageJsonFuzzTest {

    private static final int MANIFEST = 0;
    private static final int CONFIG = 1;

    @FuzzTest(maxDuration = "5s")
    void documentsParseOrAreRefused(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] json = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch ((input[0] & 0xff) % 3) {
                case MANIFEST -> Manifest.parse(json, MediaTypes.OCI_MANIFEST, "manifest");
                case CONFIG -> ImageConfig.parse(json, "config");
                default -> {
                    List<com.fasterxml.jackson.databind.JsonNode> manifests =
                            Json.array(Json.parseObject(json, "index"), "manifests", "index");
                    for (int i = 0; i < manifests.size(); i++) {
                        DescriptorJson.parse(manifests.get(i), "index manifests[" + i + "]");
                    }
                }
            }
        } catch (ImageException refused) {
            // a clear refusal is the right answer to a bad document
        }
    }

    /** Writes the seeds: a real manifest, config and index, each under its selector byte. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/dev/termpress/generator/image/ImageJsonFuzzTestInputs/"
                + "documentsParseOrAreRefused");
        Files.createDirectories(dir);
        TestImage image = TestImage.riscv64().gzipLayer(Tars.Item.file("etc/hostname", "fuzz\n"))
                .plainLayer(Tars.Item.dir("srv")).env("A=1", "PATH=/bin").workingDir("/srv").user("1000:1000")
                .entrypoint("/bin/sh", "-c").cmd("echo hi");
        var index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests").add(TestImage.descriptor(MediaTypes.OCI_MANIFEST, image.manifestBytes()));
        write(dir.resolve("manifest"), MANIFEST, image.manifestBytes());
        write(dir.resolve("config"), CONFIG, image.configBytes());
        write(dir.resolve("index"), 2, TestImage.bytes(index));
    }

    private static void write(Path file, int selector, byte[] json) throws IOException {
        byte[] input = new byte[json.length + 1];
        input[0] = (byte) selector;
        System.arraycopy(json, 0, input, 1, json.length);
        Files.write(file, input);
    }
}
