package dev.termpress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.markdown.DemoBlock.Step;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoBlockParserTest {

    private static final Path FILE = Path.of("/site/content/page.md");

    @Test
    void recognisesOnlyTheContainerKeyword() {
        assertThat(DemoBlockParser.isDemo("container image=x")).isTrue();
        assertThat(DemoBlockParser.isDemo("container")).isTrue();
        assertThat(DemoBlockParser.isDemo("containers")).isFalse();
        assertThat(DemoBlockParser.isDemo("sh")).isFalse();
    }

    @Test
    void splitsCommandsFromTheirOutput() throws Exception {
        DemoBlock demo = DemoBlockParser.parse(
                "container image=busybox workdir=/root user=root hostname=web-1 env=A=1 env=\"B=two words\" title=Hi autorun",
                "$ uname -m\nriscv64\n$ true\n$ echo a \\\nb\na b\n\n", FILE, 10);
        assertThat(demo.image()).isEqualTo("busybox");
        assertThat(demo.workdir()).isEqualTo("/root");
        assertThat(demo.user()).isEqualTo("root");
        assertThat(demo.hostname()).isEqualTo("web-1");
        assertThat(demo.env()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "two words"));
        assertThat(demo.title()).isEqualTo("Hi");
        assertThat(demo.autorun()).isTrue();
        assertThat(demo.steps()).containsExactly(
                new Step("uname -m", "riscv64", 11),
                new Step("true", "", 13),
                new Step("echo a \\\nb", "a b", 14));
    }

    @Test
    void runTypesTheCommandsUnlessTheBlockSaysAutorunFalse() throws Exception {
        assertThat(DemoBlockParser.parse("container image=busybox", "$ ls\n", FILE, 1).autorun()).isTrue();
        assertThat(DemoBlockParser.parse("container image=busybox autorun", "$ ls\n", FILE, 1).autorun()).isTrue();
        assertThat(DemoBlockParser.parse("container image=busybox autorun=false", "$ ls\n", FILE, 1).autorun()).isFalse();
    }

    @Test
    void persistIsUnsetUnlessTheBlockSaysTrueOrFalse() throws Exception {
        assertThat(DemoBlockParser.parse("container image=busybox", "$ ls\n", FILE, 1).persist()).isNull();
        assertThat(DemoBlockParser.parse("container image=busybox persist", "$ ls\n", FILE, 1).persist()).isTrue();
        assertThat(DemoBlockParser.parse("container image=busybox persist=false", "$ ls\n", FILE, 1)
                .withPersistDefault(true).persists()).as("the block wins over the site").isFalse();
        assertThat(DemoBlockParser.parse("container image=busybox", "$ ls\n", FILE, 1)
                .withPersistDefault(true).persists()).isTrue();
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=busybox persist=1", "$ ls\n", FILE, 4))
                .hasMessageContaining("page.md:4: persist must be true or false, got '1'");
    }

    @Test
    void networkIsUnsetUnlessTheBlockSaysAndTheBlockWinsOverItsImage() throws Exception {
        assertThat(DemoBlockParser.parse("container image=busybox", "$ ls\n", FILE, 1).network()).isNull();
        assertThat(DemoBlockParser.parse("container image=busybox network", "$ ls\n", FILE, 1).usesNetwork()).isTrue();
        assertThat(DemoBlockParser.parse("container image=busybox network=false", "$ ls\n", FILE, 1)
                .withNetworkDefault(true).usesNetwork()).isFalse();
        assertThat(DemoBlockParser.parse("container image=busybox", "$ ls\n", FILE, 1)
                .withNetworkDefault(true).usesNetwork()).isTrue();
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=busybox network=yes", "$ ls\n", FILE, 4))
                .hasMessageContaining("page.md:4: network must be true or false, got 'yes'");
    }

    @Test
    void unknownAttributeNamesTheValidOnes() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=busybox imgae=x", "$ ls\n", FILE, 7))
                .isInstanceOf(BuildException.class)
                .hasMessageEndingWith("content/page.md:7: unknown attribute 'imgae' on container block"
                        + " (valid: image, workdir, user, hostname, env, title, autorun, files, persist, network)");
    }

    @Test
    void malformedQuotingIsReportedAtTheFence() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=busybox title=\"oops", "$ ls\n", FILE, 3))
                .hasMessageContaining("page.md:3: malformed container attributes: unterminated \"");
    }

    @Test
    void missingImageAndBadValuesAreErrors() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container workdir=root autorun=maybe env=1X=2", "$ ls\n", FILE, 3))
                .hasMessageContaining("workdir must be an absolute path")
                .hasMessageContaining("autorun must be true or false")
                .hasMessageContaining("env must be NAME=VALUE")
                .hasMessageContaining("needs image=NAME");
    }

    @Test
    void outputBeforeAnyCommandIsAnError() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=b", "riscv64\n$ ls\n", FILE, 3))
                .hasMessageContaining("page.md:4: output before any command");
    }

    @Test
    void repeatedAttributeIsAnError() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=a image=b", "", FILE, 1))
                .hasMessageContaining("'image' is given twice");
    }

    @Test
    void aHostnameThatIsNoneIsAnError() {
        assertThatThrownBy(() -> DemoBlockParser.parse("container image=busybox hostname=-web", "", FILE, 3))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("page.md:3: hostname: each dot-separated part of a hostname");
    }
}
