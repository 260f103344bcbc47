package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.image.OciImagePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds content-examples with the real OCI publisher and checks what the browser will download. */
class ContentExamplesEndToEndTest {

    private static final Pattern DATA_IMAGE = Pattern.compile("data-image=\"([^\"]+)\"");

    @TempDir
    Path out;

    @Test
    void everyBlobMatchesItsDigestAndEveryDemoFindsItsDescriptor() throws Exception {
        Path site = out.resolve("site");
        BuildResult result = new SiteBuilder(new OciImagePublisher(), Progress.QUIET)
                .build(new BuildOptions(ContentExamplesTest.EXAMPLES, site, null, false));
        assertThat(result.images()).isEqualTo(1);

        JsonNode descriptor = new ObjectMapper().readTree(site.resolve("images/busybox.json").toFile());
        assertThat(descriptor.path("platform").path("architecture").asText()).isEqualTo("riscv64");
        List<JsonNode> referenced = Stream.concat(
                        Stream.of(descriptor.path("manifest"), descriptor.path("config")),
                        Stream.of(descriptor.path("layers")).flatMap(layers -> {
                            List<JsonNode> list = new java.util.ArrayList<>();
                            layers.forEach(list::add);
                            return list.stream();
                        }))
                .toList();
        assertThat(referenced).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode blob : referenced) {
            String hex = blob.path("digest").asText().substring("sha256:".length());
            Path file = site.resolve("images/blobs/sha256/" + hex);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).as("size of %s", hex).isEqualTo(blob.path("size").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as("sha256 of %s", file).isEqualTo(hex);
        }

        int demos = 0;
        try (Stream<Path> pages = Files.walk(site)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = DATA_IMAGE.matcher(Files.readString(page));
                while (m.find()) {
                    demos++;
                    assertThat(page.getParent().resolve(m.group(1)).normalize())
                            .as("descriptor named in %s", page).isEqualTo(site.resolve("images/busybox.json"));
                }
            }
        }
        assertThat(demos).isGreaterThanOrEqualTo(10);
    }
}
