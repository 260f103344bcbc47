package dev.termpress.generator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * A throwaway site on the example busybox image for {@code check} tests, fresh for each test, and
 * what the command printed on it. Register it with {@code @RegisterExtension}.
 */
final class CheckSite implements BeforeEachCallback, AfterEachCallback {

    static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox").toAbsolutePath().normalize();

    /**
     * A block whose expected output is right, checked on both hosts: env, workdir, a pipeline, a
     * command that prints nothing and an ellipsis (4 commands).
     */
    static final String RIGHT_BLOCK = """
            ```container image=busybox workdir=/tmp env=WHO=tester
            $ echo "hi $WHO"; pwd
            hi tester
            /tmp
            $ printf 'b\\na\\nb\\n' | sort | uniq -c
            1 a
            2 b
            $ false
            $ uname -a
            Linux ... riscv64 ...
            ```
            """;

    private Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("termpress-check-test-");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The site's folder. */
    Path dir() {
        return dir;
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
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    /** Any {@code termpress} command line; the exit status. */
    int run(String... args) {
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Everything the command wrote to standard output so far. */
    String out() {
        return out.toString();
    }

    /** Everything the command wrote to standard error so far. */
    String err() {
        return err.toString();
    }

    /** Forgets standard error, before another run in the same test. */
    void clearErr() {
        err.getBuffer().setLength(0);
    }
}
