package dev.termpress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.image.ImageSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SiteConfigLoaderTest {

    private static final Path FILE = Path.of("/site/termpress.yaml");

    @Test
    void readsSettingsAndBothImageForms() throws Exception {
        SiteConfig config = SiteConfigLoader.parse("""
                title: Demo
                base_url: https://example.org/demo/
                theme: default
                images:
                  busybox: images/busybox
                  debian:
                    source: images/debian.tar
                    ref: trixie
                    hostname: deb-box
                """, FILE);
        assertThat(config.title()).isEqualTo("Demo");
        assertThat(config.baseUrl()).isEqualTo("https://example.org/demo/");
        assertThat(config.images()).containsExactly(
                new ImageSpec("busybox", Path.of("/site/images/busybox"), null, FILE, 5),
                new ImageSpec("debian", Path.of("/site/images/debian.tar"), "trixie", FILE, 6, "deb-box"));
    }

    @Test
    void emptyFileGivesDefaults() throws Exception {
        SiteConfig config = SiteConfigLoader.parse("", FILE);
        assertThat(config.title()).isEqualTo("termpress site");
        assertThat(config.images()).isEmpty();
        assertThat(config.persist()).as("blocks keep no files unless asked").isFalse();
    }

    @Test
    void persistTrueMakesBlocksKeepTheReadersFiles() throws Exception {
        assertThat(SiteConfigLoader.parse("persist: true\n", FILE).persist()).isTrue();
        assertThat(SiteConfigLoader.parse("title: x\npersist: false\n", FILE).persist()).isFalse();
    }

    @Test
    void networkIsOffUnlessTheSiteOrTheImageTurnsItOn() throws Exception {
        String images = "images:\n  a: images/a\n  b:\n    source: images/b\n    network: false\n"
                + "  c:\n    source: images/c\n    network: true\n";
        SiteConfig off = SiteConfigLoader.parse(images, FILE);
        SiteConfig on = SiteConfigLoader.parse("network: true\n" + images, FILE);

        assertThat(off.image("a").orElseThrow().network()).isFalse();
        assertThat(off.image("c").orElseThrow().network()).isTrue();
        assertThat(on.image("a").orElseThrow().network()).isTrue();
        assertThat(on.image("b").orElseThrow().network()).as("the image wins over the site").isFalse();
        assertThatThrownBy(() -> SiteConfigLoader.parse("network: yes please\n", FILE))
                .hasMessageContaining("network");
    }

    @Test
    void unknownSettingNamesTheValidOnes() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("title: x\nbaseurl: /x/\n", FILE))
                .hasMessageEndingWith("termpress.yaml:2: unknown setting key 'baseurl'"
                        + " (valid: title, description, language, base_url, theme, images, snapshot, prewarm, edit_url, search, insecure_registries, persist, network)");
    }

    @Test
    void badImageDeclarationsAreErrors() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("""
                images:
                  a:
                    hostname: x
                  b: {source: x, tag: y}
                  "bad name": x
                """, FILE))
                .hasMessageContaining("termpress.yaml:2: image 'a' needs a source")
                .hasMessageContaining("termpress.yaml:4: unknown image key 'tag' (valid: source, ref, platform, hostname, snapshot, upper-limit, prewarm, network)")
                .hasMessageContaining("termpress.yaml:5: image name 'bad name'");
    }

    @Test
    void registryReferencesBesideLocalSources() throws Exception {
        SiteConfig config = SiteConfigLoader.parse("""
                images:
                  alpine: alpine:3.21
                  app: {ref: "ghcr.io/team/app@sha256:%s", platform: linux/riscv64/rva23}
                  local: images/busybox
                  tagged: {source: images/debian.tar, ref: trixie}
                """.formatted("a".repeat(64)), FILE);
        assertThat(config.image("alpine").orElseThrow().remote())
                .isEqualTo(new dev.termpress.generator.image.RemoteImage("alpine:3.21", "linux/riscv64"));
        assertThat(config.image("app").orElseThrow().remote().platform()).isEqualTo("linux/riscv64/rva23");
        assertThat(config.image("local").orElseThrow().remote()).isNull();
        assertThat(config.image("tagged").orElseThrow().reference()).isEqualTo("trixie");
        assertThatThrownBy(() -> SiteConfigLoader.parse("images:\n  a: {ref: alpine, platform: linux/amd64}\n", FILE))
                .hasMessageContaining("termpress.yaml:2: image 'a': platform 'linux/amd64' cannot run here");
        assertThatThrownBy(() -> SiteConfigLoader.parse("images:\n  a: {ref: \"Alpine:3\"}\n", FILE))
                .hasMessageContaining("termpress.yaml:2: image 'a': \"Alpine:3\": repository name must be lowercase");
    }

    @Test
    void unknownThemeIsAnError() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("theme: fancy\n", FILE))
                .hasMessageContaining("termpress.yaml:1: unknown theme (valid: default");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("title: x\nimages: [\n", FILE))
                .hasMessageContaining("termpress.yaml:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void aBadImageHostnameIsAnError() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("""
                images:
                  web:
                    source: images/web
                    hostname: not_a_host
                """, FILE))
                .hasMessageContaining("termpress.yaml:2: image 'web': hostname: a hostname has only letters");
    }

    @Test
    void snapshotFalseTurnsBootSnapshotsOffSiteWideOrPerImage() throws Exception {
        SiteConfig perImage = SiteConfigLoader.parse("""
                images:
                  a: images/a
                  b:
                    source: images/b
                    snapshot: false
                """, FILE);
        assertThat(perImage.image("a").orElseThrow().snapshot()).isTrue();
        assertThat(perImage.image("b").orElseThrow().snapshot()).isFalse();

        SiteConfig siteWide = SiteConfigLoader.parse("""
                snapshot: false
                images:
                  a: images/a
                  b:
                    source: images/b
                    snapshot: true
                """, FILE);
        assertThat(siteWide.image("a").orElseThrow().snapshot()).isFalse();
        assertThat(siteWide.image("b").orElseThrow().snapshot()).as("the image's own setting wins").isTrue();
        assertThatThrownBy(() -> SiteConfigLoader.parse("snapshot: maybe\n", FILE))
                .hasMessageContaining("'snapshot' must be true or false");
    }

    @Test
    void anImageMayLimitItsWritableLayer() throws Exception {
        SiteConfig config = SiteConfigLoader.parse("""
                images:
                  small: {source: images/small, upper-limit: 64M}
                  plain: images/plain
                """, FILE);
        assertThat(config.image("small").orElseThrow().upperLimit()).isEqualTo(64L << 20);
        assertThat(config.image("plain").orElseThrow().upperLimit())
                .isEqualTo(dev.termpress.emulator.fs.ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    @Test
    void aBadUpperLimitIsAnError() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("""
                images:
                  web:
                    source: images/web
                    upper-limit: lots
                  tiny: {source: images/tiny, upper-limit: 4K}
                """, FILE))
                .hasMessageContaining("termpress.yaml:2: image 'web': upper-limit: 'lots' is not a size")
                .hasMessageContaining("termpress.yaml:5: image 'tiny': upper-limit: '4K' is outside 1M to 4G");
    }

    @Test
    void prewarmIsOnByDefaultAndSetSiteWideOrPerImage() throws Exception {
        SiteConfig defaults = SiteConfigLoader.parse("images:\n  busybox: images/busybox\n", FILE);
        assertThat(defaults.image("busybox").orElseThrow().prewarm()).isEqualTo(PrewarmBudget.DEFAULT);

        SiteConfig config = SiteConfigLoader.parse("""
                prewarm: 8M
                images:
                  busybox: images/busybox
                  debian: {source: images/debian, prewarm: false}
                  alpine: {source: images/alpine, prewarm: true}
                  small: {source: images/small, prewarm: 1M}
                """, FILE);
        assertThat(config.image("busybox").orElseThrow().prewarm().bytes()).isEqualTo(8L << 20);
        assertThat(config.image("debian").orElseThrow().prewarm()).isEqualTo(PrewarmBudget.OFF);
        assertThat(config.image("alpine").orElseThrow().prewarm()).isEqualTo(PrewarmBudget.DEFAULT);
        assertThat(config.image("small").orElseThrow().prewarm().bytes()).isEqualTo(1L << 20);
        assertThat(PrewarmBudgets.of(config)).containsEntry("debian", 0L).containsEntry("busybox", 8L << 20);

        SiteConfig off = SiteConfigLoader.parse("prewarm: false\nimages:\n  busybox: images/busybox\n", FILE);
        assertThat(off.image("busybox").orElseThrow().prewarm().on()).isFalse();
    }

    @Test
    void aBadPrewarmValueIsAnErrorThatNamesTheLine() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("""
                prewarm: always
                images:
                  web: {source: images/web, prewarm: 9G}
                """, FILE))
                .hasMessageContaining("termpress.yaml:1: prewarm: 'always' is not true, false or a size")
                .hasMessageContaining("termpress.yaml:3: image 'web': prewarm: '9G' is more than 1G");
    }
}
