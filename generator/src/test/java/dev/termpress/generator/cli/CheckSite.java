package dev.termpress.generator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** A throwaway site on the example busybox image for {@code check} tests, and what the command printed on it. */
final class CheckSite {

    static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox").toAbsolutePath().normalize();

    final Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CheckSite(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code termpress.yaml} naming busybox and one page; a page below the root gets a home page too. */
    void write(String page, String markdown) throws IOException {
        Files.writeString(dir.resolve("termpress.yaml"), "title: Check fixture\nimages:\n  busybox: " + BUSYBOX + "\n");
        Path file = dir.resolve("content").resolve(page);
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
        if (!page.equals("index.md")) {
            Files.writeString(dir.resolve("content/index.md"), "# Home\n\nSee the [guide](guide/).\n");
        }
    }

    /** {@code termpress check ARGS...} through the full command line; the exit status. */
    int check(String... args) {
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }
}
