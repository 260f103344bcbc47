package dev.termpress.generator.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers the line it came from, so errors can point at it. */
public sealed interface YamlNode {

    /** The 1-based line where the value starts in its file. */
    int line();

    /** A short word for error messages: "a mapping", "a list", "a string"... */
    String kind();

    /** A mapping; keys keep their order and their own lines. */
    record YamlMap(int line, Map<String, Entry> entries) implements YamlNode {
        public YamlMap {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the line of the key itself. */
    record Entry(String key, int keyLine, YamlNode value) {}

    /** A sequence. */
    record YamlList(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param text the scalar's text, {@code null} for a YAML null
     * @param type what YAML resolved it to
     */
    record YamlScalar(int line, String text, ScalarType type) implements YamlNode {
        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "empty";
            };
        }
    }

    /** What a scalar resolved to. */
    enum ScalarType { STRING, INTEGER, NUMBER, BOOLEAN, NULL }
}
