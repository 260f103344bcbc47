package dev.termpress.generator.image;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the image JSON documents with error messages that name the file and the field. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses a JSON object; {@code where} names the file for the error message. */
    static JsonNode parseObject(byte[] bytes, String where) throws ImageException {
        JsonNode node = parse(bytes, where, "a JSON object");
        if (node == null || !node.isObject()) {
            throw new ImageException(where + ": malformed JSON: expected a JSON object at the top level");
        }
        return node;
    }

    /** Parses any JSON document; {@code expected} says what would be valid, for the error message. */
    static JsonNode parse(byte[] bytes, String where, String expected) throws ImageException {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ImageException(where + ": malformed JSON" + position + ": " + withoutSource(e.getOriginalMessage())
                    + "; expected " + expected, e);
        } catch (IOException e) {
            throw new ImageException(where + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** Jackson names its (redacted) input source inside some messages; keep only line and column. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }

    /** A required string field. */
    static String text(JsonNode object, String field, String where) throws ImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new ImageException(where + ": field \"" + field + "\" must be a string" + found(value));
        }
        return value.asText();
    }

    /** An optional string field, or {@code null}. */
    static String optionalText(JsonNode object, String field, String where) throws ImageException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ImageException(where + ": field \"" + field + "\" must be a string" + found(value));
        }
        return value.asText();
    }

    /** A required non-negative integer field. */
    static long size(JsonNode object, String field, String where) throws ImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new ImageException(where + ": field \"" + field + "\" must be a non-negative integer" + found(value));
        }
        return value.asLong();
    }

    /** A required array field. */
    static List<JsonNode> array(JsonNode object, String field, String where) throws ImageException {
        JsonNode value = object.get(field);
        if (value == null || !value.isArray()) {
            throw new ImageException(where + ": field \"" + field + "\" must be an array" + found(value));
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** An optional array of strings, or {@code null} when absent or JSON null. */
    static List<String> optionalStrings(JsonNode object, String field, String where) throws ImageException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new ImageException(where + ": field \"" + field + "\" must be an array of strings" + found(value));
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ImageException(where + ": field \"" + field + "\" must be an array of strings" + found(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    private static String found(JsonNode value) {
        return value == null ? " (it is missing)" : " (found " + value + ")";
    }
}
