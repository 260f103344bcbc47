package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The docker CLI's documented normalisation examples (docker image tag, docker pull). */
class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static String normalised(String text) {
        return ImageReference.parse(text).toString();
    }

    @Test
    void singleNamesAreOfficialImagesOnDockerHub() {
        assertThat(normalised("ubuntu")).isEqualTo("docker.io/library/ubuntu:latest");
        assertThat(normalised("alpine:3.21")).isEqualTo("docker.io/library/alpine:3.21");
        assertThat(normalised("library/alpine")).isEqualTo("docker.io/library/alpine:latest");
        assertThat(normalised("docker.io/library/busybox")).isEqualTo("docker.io/library/busybox:latest");
        assertThat(normalised("index.docker.io/library/busybox")).isEqualTo("docker.io/library/busybox:latest");
        assertThat(normalised("docker.io/busybox")).isEqualTo("docker.io/library/busybox:latest");
    }

    @Test
    void userRepositoriesStayUnderTheirUser() {
        assertThat(normalised("fedora/httpd:version1.0")).isEqualTo("docker.io/fedora/httpd:version1.0");
        assertThat(normalised("user/app")).isEqualTo("docker.io/user/app:latest");
    }

    @Test
    void aFirstComponentWithADotColonOrLocalhostIsAHost() {
        ImageReference withPort = ImageReference.parse("myregistryhost:5000/fedora/httpd:version1.0");
        assertThat(withPort.registry()).isEqualTo("myregistryhost:5000");
        assertThat(withPort.repository()).isEqualTo("fedora/httpd");
        assertThat(withPort.tag()).isEqualTo("version1.0");
        assertThat(withPort.hostName()).isEqualTo("myregistryhost");
        assertThat(normalised("localhost/foo")).isEqualTo("localhost/foo:latest");
        assertThat(normalised("localhost:5000/foo/bar")).isEqualTo("localhost:5000/foo/bar:latest");
        assertThat(normalised("registry.example/team/app:1")).isEqualTo("registry.example/team/app:1");
        assertThat(normalised("127.0.0.1:5000/busybox")).isEqualTo("127.0.0.1:5000/busybox:latest");
        assertThat(normalised("[::1]:5000/busybox")).isEqualTo("[::1]:5000/busybox:latest");
        assertThat(ImageReference.parse("[::1]:5000/busybox").hostName()).isEqualTo("::1");
    }

    @Test
    void digestsWithAndWithoutTags() {
        ImageReference digestOnly = ImageReference.parse("alpine@" + DIGEST);
        assertThat(digestOnly.tag()).isNull();
        assertThat(digestOnly.digest()).isEqualTo(DIGEST);
        assertThat(digestOnly.manifestReference()).isEqualTo(DIGEST);
        ImageReference both = ImageReference.parse("alpine:3.21@" + DIGEST);
        assertThat(both.tag()).isEqualTo("3.21");
        assertThat(both.toString()).isEqualTo("docker.io/library/alpine:3.21@" + DIGEST);
        assertThat(both.withoutDigest()).isEqualTo("docker.io/library/alpine:3.21");
    }

    @Test
    void dockerHubApiHasItsOwnHostName() {
        assertThat(ImageReference.parse("alpine").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("localhost:5000/a").apiHost()).isEqualTo("localhost:5000");
    }

    @Test
    void rejectsWhatTheDockerCliRejects() {
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessageContaining("empty image reference");
        assertThatThrownBy(() -> ImageReference.parse("Uppercase")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> ImageReference.parse("docker.io/User/app")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> ImageReference.parse("alpine:-bad")).hasMessageContaining("tag \"-bad\"");
        assertThatThrownBy(() -> ImageReference.parse("alpine@sha256:abc")).hasMessageContaining("digest");
        assertThatThrownBy(() -> ImageReference.parse("alpine@md5:" + "a".repeat(32))).hasMessageContaining("digest");
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(64))).hasMessageContaining("image ID");
        assertThatThrownBy(() -> ImageReference.parse("foo//bar")).hasMessageContaining("not a valid repository");
        assertThatThrownBy(() -> ImageReference.parse("-host.example/app")).hasMessageContaining("registry host");
        assertThatThrownBy(() -> ImageReference.parse(":tag")).hasMessageContaining("no repository");
    }
}
