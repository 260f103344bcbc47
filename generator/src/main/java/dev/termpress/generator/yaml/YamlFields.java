package dev.termpress.generator.yaml;

import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.yaml.YamlNode.Entry;
import dev.termpress.generator.yaml.YamlNode.ScalarType;
import dev.termpress.generator.yaml.YamlNode.YamlMap;
import dev.termpress.generator.yaml.YamlNode.YamlScalar;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Typed, checked access to the keys of one YAML mapping; problems go to an {@link ErrorCollector}. */
public final class YamlFields {

    private final YamlMap map;
    private final Path file;
    private final ErrorCollector errors;

    public YamlFields(YamlMap map, Path file, ErrorCollector errors) {
        this.map = map;
        this.file = file;
        this.errors = errors;
    }

    /** Reports every key not in {@code valid}, naming the valid ones. */
    public void rejectUnknownKeys(String what, List<String> valid) {
        for (Entry entry : map.entries().values()) {
            if (!valid.contains(entry.key())) {
                errors.add(file, entry.keyLine(), "unknown " + what + " key '" + entry.key()
                        + "' (valid: " + String.join(", ", valid) + ")");
            }
        }
    }

    /** A string value; numbers and booleans are accepted as their text. */
    public Optional<String> string(String key) {
        return scalar(key, "a string").map(YamlScalar::text);
    }

    /** An integer value. */
    public Optional<Integer> integer(String key) {
        Optional<YamlScalar> scalar = scalar(key, "an integer");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(scalar.get().text()));
        } catch (NumberFormatException e) {
            errors.add(file, scalar.get().line(), "'" + key + "' must be an integer, got '" + scalar.get().text() + "'");
            return Optional.empty();
        }
    }

    /** A boolean value ({@code true} or {@code false}). */
    public Optional<Boolean> bool(String key) {
        Optional<YamlScalar> scalar = scalar(key, "true or false");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        if (scalar.get().type() != ScalarType.BOOLEAN) {
            errors.add(file, scalar.get().line(), "'" + key + "' must be true or false, got '" + scalar.get().text() + "'");
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(scalar.get().text()));
    }

    /** The raw node under {@code key}. */
    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(map.entries().get(key));
    }

    private Optional<YamlScalar> scalar(String key, String expected) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.value() instanceof YamlScalar scalar && scalar.type() != ScalarType.NULL) {
            return Optional.of(scalar);
        }
        if (entry.value() instanceof YamlScalar) {
            return Optional.empty();
        }
        errors.add(file, entry.value().line(), "'" + key + "' must be " + expected + ", got " + entry.value().kind());
        return Optional.empty();
    }
}
