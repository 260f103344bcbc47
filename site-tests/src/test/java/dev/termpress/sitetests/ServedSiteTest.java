package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A site written from strings is built, served below the sub-path, and removed whole, sources included. */
class ServedSiteTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();

    @Test
    void anInlineSiteIsServedAndLeavesNothingBehind() throws Exception {
        Path folder;
        try (ServedSite site = ServedSite.build(Map.of("termpress.yaml", "title: t\nimages:\n  busybox: " + BUSYBOX + "\n",
                "content/index.md", "# Home\n\n```container image=busybox\n$ true\n```\n"))) {
            folder = site.output().getParent().getParent();
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(site.url("")))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("figure class=\"tp-demo\"");
            assertThat(folder.resolve("source/content/index.md")).exists();
        }
        assertThat(Files.exists(folder)).as("the temporary folder, sources included").isFalse();
    }
}
