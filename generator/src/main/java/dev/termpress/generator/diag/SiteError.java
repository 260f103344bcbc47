package dev.termpress.generator.diag;

import java.nio.file.Path;

/**
 * One problem in a site's input, reported as {@code file:line: message}.
 *
 * @param file the file at fault, or {@code null} when the problem is not in one file
 * @param line the 1-based line, or 0 when unknown
 * @param message what is wrong and, where there is a choice, what would be valid
 */
public record SiteError(Path file, int line, String message) {

    /** Formats the error with the file shown relative to the working directory when it lies below it. */
    public String format() {
        if (file == null) {
            return message;
        }
        String where = displayPath(file);
        return line > 0 ? where + ":" + line + ": " + message : where + ": " + message;
    }

    /** A path as messages show it: relative to the working directory when it lies below it. */
    public static String displayPath(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
