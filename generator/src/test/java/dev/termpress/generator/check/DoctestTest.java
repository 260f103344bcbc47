package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.generator.markdown.DemoBlock;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The doctest both hosts share, on a scripted host: what is compared, reported and released. */
class DoctestTest {

    private static final Path FILE = Path.of("content/index.md").toAbsolutePath();

    /** Answers each command from a script; {@code null} answers end the block. */
    private static final class ScriptedHost implements DemoHost {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> typed = new ArrayList<>();
        final List<Boolean> released = new ArrayList<>();
        String refuse;
        int boots;

        @Override
        public DemoShell open(Demo demo) throws NoShellException {
            if (refuse != null) {
                throw new NoShellException(refuse);
            }
            boots++;
            return new DemoShell() {
                @Override
                public String run(String command) {
                    typed.add(command);
                    return answers.poll();
                }

                @Override
                public String failure() {
                    return "no prompt after 60 s";
                }

                @Override
                public String pendingOutput() {
                    return "half";
                }
            };
        }

        @Override
        public void release(Demo demo, DemoShell shell, boolean healthy) {
            released.add(healthy);
        }

        @Override
        public int boots() {
            return boots;
        }
    }

    private final ScriptedHost host = new ScriptedHost();

    @Test
    void matchingOutputsPassAndEachBlockIsReleasedHealthy() {
        host.answers.addAll(List.of("hello\n", "  1   a\n", "x\n"));

        CheckReport report = new Doctest(host, CheckProgress.QUIET).check(List.of(
                demo(3, step("echo hello", "hello", 4), step("uniq -c", "1 a", 6)),
                demo(10, step("echo x", "...", 11))));

        assertThat(report.passed()).isTrue();
        assertThat(report.summary()).startsWith("Checked 3 commands in 2 blocks (2 boots): all outputs match");
        assertThat(host.typed).containsExactly("echo hello", "uniq -c", "echo x");
        assertThat(host.released).containsExactly(true, true);
    }

    @Test
    void aDifferentOutputIsAMismatchAtTheCommandsLineAndTheBlockGoesOn() {
        host.answers.addAll(List.of("2\n", "after\n"));

        CheckReport report = new Doctest(host, CheckProgress.QUIET).check(List.of(
                demo(3, step("wc -w", "3", 4), step("echo after", "after", 6))));

        assertThat(report.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.line()).isEqualTo(4);
            assertThat(mismatch.expected()).isEqualTo("3");
            assertThat(mismatch.actual()).isEqualTo("2\n");
            assertThat(mismatch.problem()).isNull();
        });
        assertThat(host.typed).hasSize(2);
    }

    @Test
    void aCommandWithoutAPromptEndsItsBlockAndTheShellIsReleasedUnhealthy() {
        host.answers.add("ok\n"); // then null: no prompt

        CheckReport report = new Doctest(host, CheckProgress.QUIET).check(List.of(
                demo(3, step("echo ok", "ok", 4), step("cat", "", 6), step("echo never", "never", 7))));

        assertThat(report.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.line()).isEqualTo(6);
            assertThat(mismatch.problem()).isEqualTo("no prompt after 60 s");
            assertThat(mismatch.actual()).isEqualTo("half");
        });
        assertThat(host.typed).containsExactly("echo ok", "cat");
        assertThat(host.released).containsExactly(false);
    }

    @Test
    void aBlockWithoutAShellIsOneMismatchAtItsFenceAndIsNotReleased() {
        host.refuse = "cannot boot image \"busybox\": gone";

        CheckReport report = new Doctest(host, CheckProgress.QUIET).check(List.of(demo(3, step("true", "", 4))));

        assertThat(report.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.line()).isEqualTo(3);
            assertThat(mismatch.command()).isEqualTo("true");
            assertThat(mismatch.actual()).isNull();
            assertThat(mismatch.problem()).isEqualTo("cannot boot image \"busybox\": gone");
        });
        assertThat(host.released).isEmpty();
        assertThat(report.boots()).isZero();
    }

    @Test
    void blocksWithoutCommandsAreSkippedAndProgressCountsAllBlocks() {
        host.answers.add("x\n");
        List<String> progress = new ArrayList<>();

        CheckReport report = new Doctest(host, (index, total, demo) -> progress.add(index + "/" + total))
                .check(List.of(demo(1), demo(5, step("echo x", "x", 6))));

        assertThat(progress).containsExactly("1/2");
        assertThat(report.blocks()).isEqualTo(1);
        assertThat(host.boots).isEqualTo(1);
    }

    private static DemoBlock.Step step(String command, String output, int line) {
        return new DemoBlock.Step(command, output, line);
    }

    private static Demo demo(int line, DemoBlock.Step... steps) {
        DemoBlock block = new DemoBlock(FILE, line, "busybox", null, null, null, Map.of(), null, false, List.of(steps));
        return new Demo(null, block, null);
    }
}
