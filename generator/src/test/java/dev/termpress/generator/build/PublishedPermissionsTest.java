package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A built site is readable by a web server running as another user, as the umask allows. */
class PublishedPermissionsTest {

    @TempDir
    Path dir;

    @Test
    void theOutputDirectoryGetsTheUmasksPermissionsNotAPrivateTemporaryDirectorysOnes() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        TestSite site = new TestSite(dir)
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Welcome\n");
        Path plain = Files.createDirectory(dir.resolve("plain"));

        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET).build(BuildOptions.of(dir));

        // Before the fix the staging directory, swapped in as the output, was rwx------.
        assertThat(Files.getPosixFilePermissions(site.out())).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
