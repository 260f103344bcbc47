package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TermpressCommandTest {

    @Test
    void eachCommandLineHasItsOwnVerbsSoOptionsDoNotCarryOver() {
        CommandLine first = TermpressCommand.commandLine();
        first.parseArgs("check", "--browser");
        CheckCommand firstCheck = first.getSubcommands().get("check").getCommand();
        assertThat(firstCheck.browser).isTrue();

        CommandLine second = TermpressCommand.commandLine();
        second.parseArgs("check");
        CheckCommand secondCheck = second.getSubcommands().get("check").getCommand();

        assertThat(secondCheck).isNotSameAs(firstCheck);
        assertThat(secondCheck.browser).isFalse();
        assertThat(firstCheck.browser).as("the first command line's parse result").isTrue();
    }
}
