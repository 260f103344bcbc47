package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * termpress.jar without Playwright's jars beside it: the command line loaded by a class loader that
 * has everything but Playwright, as {@code java -jar} has when {@code browser/} is missing.
 */
class CheckWithoutPlaywrightTest {

    @TempDir
    Path dir;

    @Test
    void browserChecksSayWhereTheJarsBelongAndTheJvmCheckStillWorks() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "title: t\n");
        Files.writeString(site.resolve("content/index.md"), "# Home\n");
        Path chromium = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        StringWriter err = new StringWriter();
        int browser = execute(new StringWriter(), err, "check", "--browser", "--chromium", chromium.toString(),
                site.toString());

        assertThat(browser).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("error: browser checks need Playwright's jars in ")
                .contains("next to termpress.jar (mvn package puts them there)");

        StringWriter out = new StringWriter();
        StringWriter jvmErr = new StringWriter();
        int jvm = execute(out, jvmErr, "check", site.toString());

        assertThat(jvm).as(jvmErr.toString()).isZero();
        assertThat(out.toString()).startsWith("Checked 0 commands in 0 blocks");
    }

    /** The test class path (surefire names it in a property; java.class.path may be its booter jar) minus Playwright. */
    private static URL[] classPathWithoutPlaywright() throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.replace(File.separatorChar, '/').contains("/com/microsoft/playwright/")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(urls).as("the test class path").isNotEmpty();
        return urls.toArray(URL[]::new);
    }

    /**
     * Runs a fresh copy of termpress, loaded without Playwright, through reflection (a fresh class loader
     * each time: the verb objects are shared within one, options included).
     */
    private static int execute(StringWriter out, StringWriter err, String... args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutPlaywright(), ClassLoader.getPlatformClassLoader())) {
            return execute(loader, out, err, args);
        }
    }

    private static int execute(ClassLoader loader, StringWriter out, StringWriter err, String... args) throws Exception {
        Object cli = loader.loadClass(TermpressCommand.class.getName()).getMethod("commandLine").invoke(null);
        Class<?> type = cli.getClass();
        type.getMethod("setOut", PrintWriter.class).invoke(cli, new PrintWriter(out, true));
        type.getMethod("setErr", PrintWriter.class).invoke(cli, new PrintWriter(err, true));
        Method execute = type.getMethod("execute", String[].class);
        return (int) execute.invoke(cli, (Object) args);
    }
}
