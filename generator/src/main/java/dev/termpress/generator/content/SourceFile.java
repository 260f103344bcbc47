package dev.termpress.generator.content;

import java.nio.file.Path;

/**
 * A Markdown file as read from {@code content/}.
 *
 * @param file the file on disk
 * @param path its path below {@code content/}, with {@code /} separators (for example {@code guide/files.md})
 * @param text its text
 */
public record SourceFile(Path file, String path, String text) {}
