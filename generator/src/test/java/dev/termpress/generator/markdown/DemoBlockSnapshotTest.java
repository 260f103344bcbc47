package dev.termpress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Compares the HTML of demo blocks with a stored snapshot; the browser runtime depends on this markup.
 * Set {@code -Dtermpress.updateSnapshots=true} to rewrite the snapshot after an intended change.
 */
class DemoBlockSnapshotTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/demo-block");

    @Test
    void demoBlockHtmlMatchesSnapshot() throws Exception {
        Markdown markdown = new Markdown();
        Path input = FIXTURE.resolve("input.md");
        Document document = markdown.parse(Files.readString(input));
        Map<FencedCodeBlock, DemoBlock> demos = new LinkedHashMap<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof FencedCodeBlock block) {
                demos.put(block, DemoBlockParser.parse(block.getInfo().toString(), block.getContentChars().toString(),
                        input, block.getStartLineNumber() + 1));
            }
        }
        String html = markdown.render(document,
                new PageRenderContext("../", demos, Map.of("busybox", "images/busybox.json"), UnaryOperator.identity()));

        Path expected = FIXTURE.resolve("expected.html");
        if (Boolean.getBoolean("termpress.updateSnapshots")) {
            Files.writeString(expected, html, StandardCharsets.UTF_8);
        }
        assertThat(html).isEqualTo(Files.readString(expected));
    }
}
