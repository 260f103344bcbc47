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
 * @param filesDir the folder {@code files=} names as written (relative to the page), or {@code null}
 * @param files what goes into the container before the commands run: the page's file blocks, then the files
 *     of {@code filesDir} below {@code workdir} (filled in once the page is parsed)
 * @param persist whether the reader's files are kept in the browser between visits ({@code persist=}), or
 *     {@code null} when the block does not say (termpress.yaml's {@code persist:} decides, see {@link #withPersistDefault})
 * @param network whether the guest reaches the outside network ({@code network=}), or {@code null} when the block
 *     does not say (the image's {@code network:} in termpress.yaml decides, see {@link #withNetworkDefault})
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
        List<Step> steps,
        String filesDir,
        List<PageFile> files,
        Boolean persist,
        Boolean network) {

    public DemoBlock {
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        steps = List.copyOf(steps);
        files = List.copyOf(files);
    }

    /** A block that does not say whether it uses the network. */
    public DemoBlock(Path file, int line, String image, String workdir, String user, String hostname,
            Map<String, String> env, String title, boolean autorun, List<Step> steps, String filesDir,
            List<PageFile> files, Boolean persist) {
        this(file, line, image, workdir, user, hostname, env, title, autorun, steps, filesDir, files, persist, null);
    }

    /** A block that does not say whether it keeps the reader's files. */
    public DemoBlock(Path file, int line, String image, String workdir, String user, String hostname,
            Map<String, String> env, String title, boolean autorun, List<Step> steps, String filesDir,
            List<PageFile> files) {
        this(file, line, image, workdir, user, hostname, env, title, autorun, steps, filesDir, files, null, null);
    }

    /** A block that puts no files into its container. */
    public DemoBlock(Path file, int line, String image, String workdir, String user, String hostname,
            Map<String, String> env, String title, boolean autorun, List<Step> steps) {
        this(file, line, image, workdir, user, hostname, env, title, autorun, steps, null, List.of(), null, null);
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
        return new DemoBlock(file, line, image, workdir, user, name, env, title, autorun, steps, filesDir, files, persist,
                network);
    }

    /** The same block putting {@code pageFiles} into its container. */
    public DemoBlock withFiles(List<PageFile> pageFiles) {
        return new DemoBlock(file, line, image, workdir, user, hostname, env, title, autorun, steps, filesDir, pageFiles,
                persist, network);
    }

    /** The same block keeping the reader's files if it does not say otherwise and {@code siteDefault} is true. */
    public DemoBlock withPersistDefault(boolean siteDefault) {
        return persist != null ? this
                : new DemoBlock(file, line, image, workdir, user, hostname, env, title, autorun, steps, filesDir, files,
                        siteDefault, network);
    }

    /** The same block on the network if it does not say otherwise and {@code imageDefault} is true. */
    public DemoBlock withNetworkDefault(boolean imageDefault) {
        return network != null ? this
                : new DemoBlock(file, line, image, workdir, user, hostname, env, title, autorun, steps, filesDir, files,
                        persist, imageDefault);
    }

    /** Whether the guest of this block reaches the outside network (unset counts as no). */
    public boolean usesNetwork() {
        return Boolean.TRUE.equals(network);
    }

    /** Whether the browser keeps the reader's files of this block (unset counts as no). */
    public boolean persists() {
        return Boolean.TRUE.equals(persist);
    }

    /** The commands alone, in order. */
    public List<String> commands() {
        return steps.stream().map(Step::command).toList();
    }
}
