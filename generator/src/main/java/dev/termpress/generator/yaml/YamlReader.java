package dev.termpress.generator.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.yaml.YamlNode.Entry;
import dev.termpress.generator.yaml.YamlNode.ScalarType;
import dev.termpress.generator.yaml.YamlNode.YamlList;
import dev.termpress.generator.yaml.YamlNode.YamlMap;
import dev.termpress.generator.yaml.YamlNode.YamlScalar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML into {@link YamlNode}s that keep line numbers (Jackson's tree model drops them). */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {}

    /**
     * Parses one YAML document.
     *
     * @param text the YAML text
     * @param file the file it came from, for errors
     * @param firstLine the line of {@code file} where {@code text} starts (front matter starts after
     *     the opening {@code ---})
     * @return the document's root, or an empty mapping for an empty document
     */
    public static YamlNode read(String text, Path file, int firstLine) throws BuildException {
        int offset = firstLine - 1;
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new YamlMap(firstLine, Map.of());
            }
            return readValue(parser, offset);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? firstLine : e.getLocation().getLineNr() + offset;
            throw new BuildException(new SiteError(file, line, "invalid YAML: " + firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new BuildException(new SiteError(file, firstLine, "cannot read YAML: " + e.getMessage()));
        }
    }

    private static YamlNode readValue(JsonParser parser, int offset) throws IOException {
        int line = parser.currentTokenLocation().getLineNr() + offset;
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr() + offset;
                    parser.nextToken();
                    entries.put(key, new Entry(key, keyLine, readValue(parser, offset)));
                }
                return new YamlMap(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, offset));
                }
                return new YamlList(line, List.copyOf(items));
            }
            case VALUE_STRING -> {
                return new YamlScalar(line, parser.getText(), ScalarType.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlScalar(line, parser.getText(), ScalarType.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlScalar(line, parser.getText(), ScalarType.NUMBER);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlScalar(line, String.valueOf(token == JsonToken.VALUE_TRUE), ScalarType.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new YamlScalar(line, null, ScalarType.NULL);
            }
            default -> {
                return new YamlScalar(line, parser.getText(), ScalarType.STRING);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
