package dev.termpress.generator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.content.FrontMatterReader;
import dev.termpress.generator.markdown.DemoBlockParser;
import dev.termpress.generator.markdown.FileBlockParser;
import dev.termpress.generator.markdown.internal.CodeHighlighter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The manual's authoring reference (docs/site/content/authoring) names every option the generator accepts, so an
 * option added without its documentation fails the build.
 */
class ManualOptionsTest {

    private static final Path AUTHORING = Path.of("..", "docs", "site", "content", "authoring");

    @Test
    void everySettingAndImageKeyIsInTheSettingsPage() throws IOException {
        String page = read("configuration.md");
        for (String key : SiteConfigLoader.KEYS) {
            assertThat(page).as("setting %s", key).containsPattern("(?m)^" + key + ":");
        }
        for (String key : SiteConfigLoader.IMAGE_KEYS) {
            assertThat(page).as("image key %s", key).containsPattern("(?m)^ +" + key + ":");
        }
    }

    @Test
    void everyFrontMatterKeyIsInThePagesPage() throws IOException {
        String page = read("pages.md");
        for (String key : FrontMatterReader.KEYS) {
            assertThat(page).as("front matter key %s", key).containsPattern("(?m)^" + key + ":|\"" + key + "\"");
        }
    }

    @Test
    void everyDemoAndFileBlockAttributeHasARowInItsTable() throws IOException {
        String page = read("demo-blocks.md");
        for (String attribute : DemoBlockParser.ATTRIBUTES) {
            assertThat(page).as("demo block attribute %s", attribute).contains("| `" + attribute + "=");
        }
        for (String attribute : FileBlockParser.ATTRIBUTES) {
            assertThat(page).as("file block attribute %s", attribute).contains("| `" + attribute + "=");
        }
    }

    @Test
    void everyHighlightedLanguageAndAliasIsListed() throws IOException {
        String page = read("pages.md");
        for (String language : CodeHighlighter.languages()) {
            assertThat(page).as("language %s", language).contains("`" + language + "`");
        }
    }

    private static String read(String name) throws IOException {
        return Files.readString(AUTHORING.resolve(name));
    }
}
