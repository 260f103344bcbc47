package dev.termpress.generator.check;

import dev.termpress.generator.markdown.DemoBlock;
import java.util.Set;

/**
 * When a booted machine may run the next demo block instead of a fresh boot. A block leaves the
 * machine as it found it when each of its commands is a plain list of pipelines of programs that
 * only read: no redirection, no assignment, no substitution, no background job, no {@code cd}.
 * Anything else (a file written, a variable set) could change what the next block sees, so the
 * next block then gets a fresh machine, as it would in the reader's browser.
 */
final class ReusePolicy {

    /** Programs that print and change nothing (their options cannot make them write files). */
    private static final Set<String> READ_ONLY = Set.of("echo", "printf", "cat", "ls", "uname", "wc", "sort",
            "head", "tail", "grep", "cut", "tr", "id", "pwd", "whoami", "hostname", "seq", "expr", "basename",
            "dirname", "true", "false", "test", "[", "printenv", "stat", "du", "df", "nproc", "cal", "rev",
            "nl", "fold", "od", "hexdump", "md5sum", "sha256sum", "readlink", "realpath", "which", "type",
            "column", "comm", "paste", "join", "factor");

    private ReusePolicy() {}

    /** Whether running {@code block} leaves nothing behind that a later block could see. */
    static boolean leavesNoTrace(DemoBlock block) {
        for (DemoBlock.Step step : block.steps()) {
            if (!readOnly(step.command())) {
                return false;
            }
        }
        return true;
    }

    static boolean readOnly(String command) {
        if (command.contains(">") || command.contains("<") || command.contains("=") || command.contains("$(")
                || command.contains("`") || command.contains("\n") || command.contains("\\")
                || command.contains(" -o")) { // sort -o FILE writes
            return false;
        }
        String lists = command.replace("&&", ";").replace("||", ";");
        if (lists.contains("&")) {
            return false;
        }
        for (String segment : lists.replace('|', ';').split(";")) {
            String trimmed = segment.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String program = trimmed.split("[ \t]+")[0];
            if (!READ_ONLY.contains(program)) {
                return false;
            }
        }
        return true;
    }
}
