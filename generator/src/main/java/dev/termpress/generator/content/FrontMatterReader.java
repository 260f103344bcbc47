package dev.termpress.generator.content;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.yaml.YamlFields;
import dev.termpress.generator.yaml.YamlNode;
import dev.termpress.generator.yaml.YamlNode.YamlMap;
import dev.termpress.generator.yaml.YamlReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits YAML front matter (between {@code ---} lines at the top of a file) from the Markdown body.
 *
 * <p>We split it ourselves rather than through flexmark's front matter extension so that YAML errors
 * carry the exact line and the body keeps its line numbers (the front matter becomes blank lines).
 */
public final class FrontMatterReader {

    /** Every front matter key (the manual documents each: ManualOptionsTest). */
    public static final List<String> KEYS = List.of("title", "description", "weight", "order", "draft", "toc");
    private static final String FENCE = "---";

    private FrontMatterReader() {}

    /** The front matter and the body of one file. */
    public record Split(FrontMatter frontMatter, String body) {}

    /** Reads the front matter of {@code text}, which came from {@code file}. */
    public static Split read(String text, Path file) throws BuildException {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !stripBom(lines[0]).stripTrailing().equals(FENCE)) {
            return new Split(FrontMatter.EMPTY, text);
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.equals(FENCE) || line.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new BuildException(new SiteError(file, 1,
                    "front matter opened with '---' is never closed (add a line '---' after the YAML)"));
        }
        StringBuilder yaml = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 && i < close) {
                yaml.append(lines[i]).append('\n');
            }
            if (i > close) {
                body.append(lines[i]);
            }
            if (i < lines.length - 1) {
                body.append('\n');
            }
        }
        return new Split(parse(yaml.toString(), file), body.toString());
    }

    private static FrontMatter parse(String yaml, Path file) throws BuildException {
        YamlNode root = YamlReader.read(yaml, file, 2);
        if (!(root instanceof YamlMap map)) {
            throw new BuildException(new SiteError(file, root.line(),
                    "front matter must be a mapping of " + String.join(", ", KEYS) + ", got " + root.kind()));
        }
        ErrorCollector errors = new ErrorCollector();
        YamlFields fields = new YamlFields(map, file, errors);
        fields.rejectUnknownKeys("front matter", KEYS);
        String title = fields.string("title").orElse(null);
        String description = fields.string("description").orElse(null);
        Integer weight = fields.integer("weight").or(() -> fields.integer("order")).orElse(null);
        boolean draft = fields.bool("draft").orElse(false);
        boolean toc = fields.bool("toc").orElse(true);
        errors.throwIfAny();
        return new FrontMatter(title, description, weight, draft, toc);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
