package dev.termpress.generator.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void writesTheWholeFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path target = directory.resolve("blobs/sha256/abc");

        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("second");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void publishedFilesGetTheSamePermissionsAsAnyOtherFileTheBuildWrites() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.write(directory.resolve("plain.html"), new byte[] {1});
        Path published = directory.resolve("blob");

        AtomicFiles.write(published, new byte[] {1});

        // Before the fix a blob was private (rw-------), unreadable to a web server running as another user.
        assertThat(Files.getPosixFilePermissions(published)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
