package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * termpress's own manual (docs/site) is a termpress site: it builds (every link resolves) and every
 * example in it passes {@code check}, so the manual cannot drift from what termpress does.
 */
class DocsSiteTest {

    private static final Path DOCS = Path.of("..", "docs", "site");

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    @Test
    void theManualBuildsWithEveryLinkResolved() {
        int status = fixture.run("build", DOCS.toString(), "--out", fixture.dir().resolve("out").toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(status).isZero();
        assertThat(fixture.out()).contains("Built 11 pages");
    }

    @Test
    void everyExampleInTheManualPassesCheck() {
        int status = fixture.check(DOCS.toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("all outputs match").containsPattern("Checked \\d+ commands in [1-9]\\d* blocks");
        assertThat(status).isZero();
    }
}
