package dev.termpress.generator.check;

import java.nio.file.Path;

/**
 * One command whose output was not what its demo block says.
 *
 * @param file the Markdown file
 * @param line the command's line in it
 * @param command the command
 * @param expected the expected output from the block
 * @param actual what the guest printed, or {@code null} when the command never returned to the prompt
 * @param problem why there is no comparable output ({@code null} when the outputs simply differ)
 */
public record Mismatch(Path file, int line, String command, String expected, String actual, String problem) {

    /** The report: {@code file:line: $ command}, then the expected and actual output indented. */
    public String format(Path base) {
        Path shown = base == null ? file : base.relativize(file.toAbsolutePath().normalize());
        StringBuilder out = new StringBuilder();
        out.append(shown).append(':').append(line).append(": $ ").append(command.replace("\n", "\n  > "));
        if (problem != null) {
            out.append("\n  ").append(problem.replace("\n", "\n  "));
        }
        out.append("\n  expected:");
        block(out, expected);
        if (actual != null) {
            out.append("\n  actual:");
            block(out, actual);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, String text) {
        String trimmed = text.replaceAll("\\s+$", "");
        if (trimmed.isEmpty()) {
            out.append(" (nothing)");
            return;
        }
        for (String line : trimmed.split("\n", -1)) {
            out.append("\n    | ").append(line);
        }
    }
}
