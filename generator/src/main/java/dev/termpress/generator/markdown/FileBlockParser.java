package dev.termpress.generator.markdown;

import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.markdown.DemoAttributes.Attribute;
import dev.termpress.generator.markdown.internal.CodeHighlighter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the info string and body of a fenced {@code file} block into a {@link FileBlock}. */
public final class FileBlockParser {

    /** The info string's first word that marks a file block. */
    public static final String KEYWORD = "file";
    /** The attributes a file block accepts, in the order the docs list them. */
    public static final List<String> ATTRIBUTES = List.of("path", "lang", "mode");

    private FileBlockParser() {}

    /** Whether a fenced block's info string marks a file block. */
    public static boolean isFile(String info) {
        String trimmed = info.strip();
        return trimmed.equals(KEYWORD) || trimmed.startsWith(KEYWORD + " ") || trimmed.startsWith(KEYWORD + "\t");
    }

    /**
     * Parses one block.
     *
     * @param info the full info string, starting with {@code file}
     * @param body the block's content (the file, its last line ending in a newline)
     * @param file the Markdown file, for errors
     * @param fenceLine the 1-based line of the opening fence
     */
    public static FileBlock parse(String info, String body, Path file, int fenceLine) throws BuildException {
        ErrorCollector errors = new ErrorCollector();
        List<Attribute> attributes;
        try {
            attributes = DemoAttributes.parse(info.strip().substring(KEYWORD.length()));
        } catch (DemoAttributes.SyntaxException e) {
            errors.add(file, fenceLine, "malformed file attributes: " + e.getMessage());
            errors.throwIfAny();
            return null;
        }
        String path = null;
        String language = null;
        int permissions = 0644;
        List<String> seen = new ArrayList<>();
        for (Attribute a : attributes) {
            if (!ATTRIBUTES.contains(a.key())) {
                errors.add(file, fenceLine, "unknown attribute '" + a.key() + "' on file block (valid: "
                        + String.join(", ", ATTRIBUTES) + ")");
                continue;
            }
            if (seen.contains(a.key())) {
                errors.add(file, fenceLine, "attribute '" + a.key() + "' is given twice");
                continue;
            }
            seen.add(a.key());
            if (a.value() == null || a.value().isEmpty()) {
                errors.add(file, fenceLine, "attribute '" + a.key() + "' needs a value (" + a.key() + "=...)");
                continue;
            }
            switch (a.key()) {
                case "path" -> {
                    String problem = GuestFiles.pathProblem(a.value());
                    if (problem != null) {
                        errors.add(file, fenceLine, "path: " + problem);
                    }
                    path = a.value();
                }
                case "lang" -> {
                    if (!CodeHighlighter.supports(a.value())) {
                        errors.add(file, fenceLine, "lang: no highlighter for '" + a.value()
                                + "' (write a language such as python, sh, c, yaml, or leave lang= out)");
                    }
                    language = a.value();
                }
                case "mode" -> permissions = mode(a.value(), file, fenceLine, errors);
                default -> throw new IllegalStateException(a.key());
            }
        }
        if (path == null && !seen.contains("path")) {
            errors.add(file, fenceLine, "file block needs path=/ABSOLUTE/PATH (where the demo blocks of this page find it)");
        }
        errors.throwIfAny();
        if (language == null) {
            language = languageOf(path);
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        return new FileBlock(new PageFile(path, content, permissions, file, fenceLine), language);
    }

    /** The highlighter's language for a file name's extension, or "" when there is none it knows. */
    static String languageOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("makefile") || name.equals("dockerfile")) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return "";
        }
        String extension = name.substring(dot + 1);
        return CodeHighlighter.supports(extension) ? extension : "";
    }

    private static int mode(String value, Path file, int line, ErrorCollector errors) {
        if (!value.matches("0?[0-7]{3}")) {
            errors.add(file, line, "mode must be octal permissions such as 0644 or 0755, got '" + value + "'");
            return 0644;
        }
        return Integer.parseInt(value, 8);
    }
}
