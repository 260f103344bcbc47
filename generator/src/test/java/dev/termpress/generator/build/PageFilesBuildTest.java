package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.diag.BuildException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File blocks and {@code files=DIR}: the HTML, the published blobs, the demo's data-files, and every bad path. */
class PageFilesBuildTest {

    @TempDir
    Path dir;

    private static final String APP = "def greet(name):\n    return \"hi \" + name  # <b>\n";

    private static final String LESSON = """
            # Lesson

            ```file path=/workspace/app.py
            def greet(name):
                return "hi " + name  # <b>
            ```

            ```container image=busybox workdir=/workspace
            $ cat app.py
            ```
            """;

    private TestSite site(String page) {
        return new TestSite(dir)
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Home\n")
                .file("content/lesson.md", page);
    }

    private void build() throws BuildException {
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false).build(BuildOptions.of(dir));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileBlockShowsTheHighlightedFileWithCopyAndDownload() throws Exception {
        TestSite site = site(LESSON);
        build();
        String html = site.output("lesson/index.html");
        String hex = sha256(APP);
        assertThat(html).contains("<figure class=\"tp-file\" data-path=\"/workspace/app.py\">")
                .contains("<code class=\"tp-file-path\">/workspace/app.py</code>")
                .contains("<button type=\"button\" class=\"tp-copy\" aria-label=\"Copy app.py\">Copy</button>")
                .contains("# &lt;b&gt;</span>\n</code></pre>")
                .contains("<a class=\"tp-download\" href=\"../images/blobs/sha256/" + hex + "\" download=\"app.py\"")
                .contains("<pre class=\"tp-code\" data-lang=\"py\"><code class=\"language-py\">")
                .contains("<span class=\"hl-keyword\">def</span>")
                // leading spaces of the file survive flexmark's writer
                .contains("\n    <span class=\"hl-keyword\">return</span>");
        assertThat(Files.readString(site.out().resolve("images/blobs/sha256/" + hex))).isEqualTo(APP);
    }

    @Test
    void theDemoBlockListsThePageFilesForTheRuntime() throws Exception {
        TestSite site = site(LESSON);
        build();
        JsonNode files = dataFiles(site.output("lesson/index.html"));
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("path").asText()).isEqualTo("/workspace/app.py");
        assertThat(files.get(0).get("sha256").asText()).isEqualTo(sha256(APP));
        assertThat(files.get(0).get("size").asInt()).isEqualTo(APP.getBytes(StandardCharsets.UTF_8).length);
        assertThat(files.get(0).get("mode").asInt()).isEqualTo(0644);
    }

    @Test
    void filesDirCopiesAFolderBelowTheWorkdirKeepingTheExecutableBit() throws Exception {
        TestSite site = site("""
                # Lesson

                ```container image=busybox workdir=/srv/lesson files=project
                $ ls
                ```
                """)
                .file("content/project/README", "read me\n")
                .file("content/project/bin/run.sh", "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(dir.resolve("content/project/bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        build();
        JsonNode files = dataFiles(site.output("lesson/index.html"));
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("path").asText()).isEqualTo("/srv/lesson/README");
        assertThat(files.get(0).get("mode").asInt()).isEqualTo(0644);
        assertThat(files.get(1).get("path").asText()).isEqualTo("/srv/lesson/bin/run.sh");
        assertThat(files.get(1).get("mode").asInt()).isEqualTo(0755);
        assertThat(Files.readString(site.out().resolve("images/blobs/sha256/" + files.get(1).get("sha256").asText())))
                .isEqualTo("#!/bin/sh\necho run\n");
    }

    @Test
    void aDemoBlockWithoutFilesHasNoDataFiles() throws Exception {
        TestSite site = site("# Plain\n\n```container image=busybox\n$ ls\n```\n");
        build();
        assertThat(site.output("lesson/index.html")).contains("class=\"tp-demo\"").doesNotContain("data-files");
    }

    @Test
    void badPathsAreErrorsWithFileAndLine() {
        site("""
                # Bad

                ```file path=app.py
                x
                ```

                ```file path=/workspace/../etc/passwd
                x
                ```

                ```file path=/tmp/notes.txt
                x
                ```

                ```file path=/proc/self/x
                x
                ```

                ```file path=/etc/hostname
                x
                ```

                ```file path=/workspace/a.txt mode=999 colour=red
                x
                ```

                ```file lang=python
                x
                ```
                """);
        assertThatThrownBy(this::build).isInstanceOf(BuildException.class)
                .hasMessageContaining("content/lesson.md:3: path: 'app.py' is not an absolute path")
                .hasMessageContaining("content/lesson.md:7: path: '/workspace/../etc/passwd' contains '..'")
                .hasMessageContaining("content/lesson.md:11: path: '/tmp/notes.txt' is not in the writable layer: /tmp is a mount point")
                .hasMessageContaining("content/lesson.md:15: path: '/proc/self/x' is not in the writable layer")
                .hasMessageContaining("content/lesson.md:19: path: '/etc/hostname' is written by termpress-init")
                .hasMessageContaining("content/lesson.md:23: unknown attribute 'colour' on file block (valid: path, lang, mode)")
                .hasMessageContaining("content/lesson.md:23: mode must be octal permissions such as 0644 or 0755, got '999'")
                .hasMessageContaining("content/lesson.md:27: file block needs path=");
    }

    @Test
    void aPathGivenTwiceIsAnErrorAtTheSecondBlock() {
        site("# Twice\n\n```file path=/workspace/a\none\n```\n\n```file path=/workspace/a\ntwo\n```\n");
        assertThatThrownBy(this::build).isInstanceOf(BuildException.class)
                .hasMessageContaining("content/lesson.md:7: path /workspace/a is given twice on this page (first at line 3)");
    }

    @Test
    void badFoldersAreErrorsAtTheDemoBlock() {
        site("""
                # Folders

                ```container image=busybox workdir=/w files=../../outside
                ```

                ```container image=busybox workdir=/w files=missing
                ```

                ```container image=busybox files=project
                ```

                ```container image=busybox workdir=/tmp files=project
                ```

                ```file path=/w/README
                mine
                ```

                ```container image=busybox workdir=/w files=project
                ```
                """)
                .file("content/project/README", "theirs\n");
        assertThatThrownBy(this::build).isInstanceOf(BuildException.class)
                .hasMessageContaining("content/lesson.md:3: files=../../outside is outside the site's content/ folder")
                .hasMessageContaining("content/lesson.md:6: files=missing: no such folder missing below content/")
                .hasMessageContaining("content/lesson.md:9: files=project needs workdir=/PATH")
                .hasMessageContaining("content/lesson.md:12: files=project: '/tmp/README' is not in the writable layer")
                .hasMessageContaining("content/lesson.md:19: files=project puts /w/README where a file block of this page puts its own");
    }

    private static JsonNode dataFiles(String html) throws Exception {
        Matcher matcher = Pattern.compile("data-files=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("a data-files attribute").isTrue();
        String json = matcher.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }
}
