package dev.termpress.generator.markdown;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fenced {@code container} block: a shell session to run in an image.
 *
 * @param file the Markdown file it is in
 * @param line the 1-based line of its opening fence
 * @param image the image name ({@code image=})
 * @param workdir the working directory ({@code workdir=}), or {@code null} for the image's own
 * @param user the user ({@code user=}), or {@code null} for the image's own
 * @param hostname the guest's hostname ({@code hostname=}, else the image's in {@code termpress.yaml}),
 *     or {@code null} for init's default
 * @param env extra environment variables ({@code env=KEY=VALUE}, repeatable), in order
 * @param title a caption ({@code title=}), or {@code null}
 * @param autorun whether Run types the commands for the reader, each at the next prompt (the default;
 *     {@code autorun=false} leaves the terminal to the reader)
 * @param steps the commands with their expected output
 */
public record DemoBlock(
        Path file,
        int line,
        String image,
        String workdir,
        String user,
        String hostname,
        Map<String, String> env,
        String title,
        boolean autorun,
        List<Step> steps) {

    public DemoBlock {
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        steps = List.copyOf(steps);
    }

    /**
     * One command and what it prints.
     *
     * @param command the command as typed after the prompt (continuation lines joined by newlines)
     * @param output the expected output, possibly empty
     * @param line the 1-based line of the command in its file
     */
    public record Step(String command, String output, int line) {}

    /** The same block with {@code name} as its hostname. */
    public DemoBlock withHostname(String name) {
        return new DemoBlock(file, line, image, workdir, user, name, env, title, autorun, steps);
    }

    /** The commands alone, in order. */
    public List<String> commands() {
        return steps.stream().map(Step::command).toList();
    }
}
