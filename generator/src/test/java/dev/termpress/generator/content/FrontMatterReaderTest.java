package dev.termpress.generator.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FrontMatterReaderTest {

    private static final Path FILE = Path.of("/site/content/page.md");

    @Test
    void readsFieldsAndKeepsBodyLineNumbers() throws Exception {
        FrontMatterReader.Split split = FrontMatterReader.read(
                "---\ntitle: \"Files: the basics\"\ndescription: x\norder: 3\ndraft: true\n---\n# Hi\n", FILE);
        assertThat(split.frontMatter()).isEqualTo(new FrontMatter("Files: the basics", "x", 3, true));
        assertThat(split.body()).isEqualTo("\n\n\n\n\n\n# Hi\n");
    }

    @Test
    void noFrontMatterLeavesTextAlone() throws Exception {
        FrontMatterReader.Split split = FrontMatterReader.read("# Title\n", FILE);
        assertThat(split.frontMatter()).isEqualTo(FrontMatter.EMPTY);
        assertThat(split.body()).isEqualTo("# Title\n");
    }

    @Test
    void unclosedFrontMatterIsAnError() {
        assertThatThrownBy(() -> FrontMatterReader.read("---\ntitle: x\n# Hi\n", FILE))
                .hasMessageEndingWith("page.md:1: front matter opened with '---' is never closed"
                        + " (add a line '---' after the YAML)");
    }

    @Test
    void invalidYamlNamesItsLine() {
        assertThatThrownBy(() -> FrontMatterReader.read("---\ntitle: ok\ndescription: [unclosed\n---\n", FILE))
                .hasMessageContaining("page.md:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void wrongTypesAndUnknownKeysAreErrors() {
        assertThatThrownBy(() -> FrontMatterReader.read("---\nweight: heavy\ndraft: maybe\ntitel: x\n---\n", FILE))
                .hasMessageContaining("page.md:2: 'weight' must be an integer, got 'heavy'")
                .hasMessageContaining("page.md:3: 'draft' must be true or false, got 'maybe'")
                .hasMessageContaining("page.md:4: unknown front matter key 'titel' (valid: title, description, weight, order, draft, toc)");
    }

    @Test
    void aListIsNotFrontMatter() {
        assertThatThrownBy(() -> FrontMatterReader.read("---\n- a\n- b\n---\n", FILE))
                .hasMessageContaining("page.md:2: front matter must be a mapping");
    }
}
