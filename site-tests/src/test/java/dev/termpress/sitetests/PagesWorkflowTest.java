package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Pages workflow that {@code termpress init} writes, run here before it runs on a user's
 * first push: parsed, then its shell steps executed in order the way the runner does
 * ({@code bash -eo pipefail}, {@code GITHUB_PATH}, step and workflow env), against the distribution
 * {@code mvn package} just built. Only Maven's download is simulated: a stand-in {@code mvn} hands
 * out the local archive for the coordinates the workflow asks for. Steps that {@code use:} an action
 * are not run.
 */
class PagesWorkflowTest {

    private static final Path PREFIX = Path.of(System.getProperty("termpress.distribution",
            "../generator/target/termpress-0.1.0-SNAPSHOT"));
    private static final String NAME = PREFIX.getFileName().toString();
    private static final String VERSION = NAME.substring("termpress-".length());
    /** GitHub Actions expressions, which this runner evaluates for the few forms the workflow uses. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    @TempDir
    static Path dir;
    private static Path termpress;
    private static Path jar;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(Files.isRegularFile(PREFIX.resolveSibling("termpress.jar")),
                "the generator is not packaged (run mvn package or verify)");
        Path install = Files.createDirectories(dir.resolve("install"));
        shell(install, "tar xzf '" + PREFIX.resolveSibling(NAME + ".tar.gz") + "'").assertStatus(0);
        termpress = install.resolve(NAME + "/bin/termpress");
        jar = install.resolve(NAME + "/lib/termpress.jar");
        Path fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
        Path mvn = fakeBin.resolve("mvn");
        // Stands in for Maven's resolution: logs the request, copies the archive that classifier names.
        Files.writeString(mvn, """
                #!/bin/sh
                echo "$*" >> "$FAKE_MVN_LOG"
                artifact=; out=
                for arg in "$@"; do
                  case $arg in -Dartifact=*) artifact=${arg#-Dartifact=} ;; -DoutputDirectory=*) out=${arg#-DoutputDirectory=} ;; esac
                done
                classifier=${artifact##*:}
                case $artifact in
                  dev.termpress:termpress-generator:%1$s:tar.gz:dist) file=%2$s.tar.gz ;;
                  dev.termpress:termpress-generator:%1$s:tar.gz:browser) file=%2$s-browser.tar.gz ;;
                  *) echo "fake mvn: no artifact $artifact" >&2; exit 1 ;;
                esac
                mkdir -p "$out" && cp "$file" "$out/termpress-generator-%1$s-$classifier.tar.gz"
                """.formatted(VERSION, PREFIX));
        mvn.toFile().setExecutable(true);
    }

    @Test
    void theWorkflowPinsThisReleaseAndChecksBeforeItDeploys() throws Exception {
        Path site = initSite("pinned");
        JsonNode workflow = workflow(site);

        assertThat(Files.readString(site.resolve(".github/workflows/pages.yml"))).doesNotContainPattern("@[A-Z_0-9]+@");
        assertThat(workflow.at("/env/TERMPRESS_VERSION").asText()).isEqualTo(VERSION);
        assertThat(workflow.at("/env/TERMPRESS_JAR_SHA256").asText()).isEqualTo(ProcessRun.sha256(jar));
        List<String> names = new ArrayList<>();
        workflow.at("/jobs/build/steps").forEach(step -> names.add(step.path("name").asText(step.path("uses").asText())));
        assertThat(names).containsSubsequence("Install termpress", "Check the demos", "Build the site",
                "actions/upload-pages-artifact@v3");
        assertThat(workflow.at("/jobs/deploy/needs").asText()).isEqualTo("build");
    }

    @Test
    void itsStepsInstallTheReleaseCheckAndBuildTheSite() throws Exception {
        Path site = initSite("good");
        Runner runner = new Runner(site, Map.of("TERMPRESS_BROWSER_CHECK", String.valueOf(Files.isExecutable(
                Chromium.executable()))));

        Result result = runner.runBuildJob();

        result.assertStatus(0);
        assertThat(result.out).contains("termpress.jar: OK").contains("all outputs match").contains("Built 1 page");
        assertThat(Files.readString(site.resolve("public/index.html"))).contains("https://example.test/site/");
        assertThat(Files.readString(runner.mvnLog)).contains(
                "-Dartifact=dev.termpress:termpress-generator:" + VERSION + ":tar.gz:dist");

        // A second run finds the cached installation and downloads nothing.
        Files.delete(runner.mvnLog);
        Files.createFile(runner.mvnLog);
        runner.runBuildJob().assertStatus(0);
        assertThat(Files.readString(runner.mvnLog)).isEmpty();
    }

    @Test
    void aDemoThatNoLongerMatchesFailsTheJobBeforeTheSiteIsBuilt() throws Exception {
        Path site = initSite("stale");
        Path index = site.resolve("content/index.md");
        Files.writeString(index, Files.readString(index).replace("hello from riscv64", "hello from x86_64"));
        assertThat(Files.readString(index)).contains("x86_64");

        Result result = new Runner(site, Map.of()).runBuildJob();

        assertThat(result.status).as(result.out).isNotZero();
        assertThat(result.out).contains("index.md:").contains("x86_64").contains("step failed: Check the demos");
        assertThat(site.resolve("public")).doesNotExist();
    }

    private static Path initSite(String name) throws Exception {
        Path site = dir.resolve(name);
        shell(dir, "'" + termpress + "' init '" + site + "'").assertStatus(0);
        return site;
    }

    private static JsonNode workflow(Path site) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(site.resolve(".github/workflows/pages.yml").toFile());
    }

    /** One push event's build job, with a home, runner temp folder and GITHUB_PATH of its own. */
    private static final class Runner {
        final Path site;
        final Map<String, String> vars;
        final Path home;
        final Path mvnLog;

        Runner(Path site, Map<String, String> vars) throws IOException {
            this.site = site;
            this.vars = vars;
            this.home = Files.createDirectories(site.resolveSibling(site.getFileName() + "-runner"));
            this.mvnLog = home.resolve("mvn.log");
            if (!Files.exists(mvnLog)) {
                Files.createFile(mvnLog);
            }
        }

        /** Runs the shell steps in order, stopping at the first that fails, as the runner does. */
        Result runBuildJob() throws Exception {
            JsonNode workflow = workflow(site);
            Path githubPath = home.resolve("github-path");
            Files.writeString(githubPath, "");
            StringBuilder log = new StringBuilder();
            for (JsonNode step : workflow.at("/jobs/build/steps")) {
                String name = step.path("name").asText(step.path("uses").asText());
                if (!step.path("run").isTextual() || (step.has("if") && !evaluate(step.get("if").asText()).equals("true"))) {
                    continue;
                }
                Map<String, String> env = new LinkedHashMap<>();
                workflow.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), substitute(e.getValue().asText())));
                env.put("HOME", home.toString());
                env.put("RUNNER_TEMP", Files.createDirectories(home.resolve("tmp")).toString());
                env.put("GITHUB_PATH", githubPath.toString());
                env.put("FAKE_MVN_LOG", mvnLog.toString());
                List<String> extraPath = Files.readAllLines(githubPath);
                env.put("PATH", String.join(":", extraPath) + (extraPath.isEmpty() ? "" : ":") + dir.resolve("fake-bin")
                        + ":" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
                ProcessRun result = ProcessRun.run(site, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                        substitute(step.get("run").asText())), env, dir);
                log.append(result.out()).append(result.err());
                if (result.status() != 0) {
                    return new Result(result.status(), log.append("step failed: ").append(name).append('\n').toString());
                }
            }
            return new Result(0, log.toString());
        }

        private String substitute(String text) {
            Matcher m = EXPRESSION.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1))));
            }
            return m.appendTail(out).toString();
        }

        /** The expressions the generated workflow uses, for a push to main; anything else fails the test. */
        private String evaluate(String expression) {
            Matcher var = Pattern.compile("vars\\.(\\w+) == '(.*)'").matcher(expression);
            if (var.matches()) {
                return String.valueOf(var.group(2).equals(vars.getOrDefault(var.group(1), "")));
            }
            Matcher event = Pattern.compile("github\\.event_name != '(.*)'").matcher(expression);
            if (event.matches()) {
                return String.valueOf(!event.group(1).equals("push"));
            }
            if (expression.equals("steps.pages.outputs.base_url")) {
                return "https://example.test/site";
            }
            throw new AssertionError("the test runner does not know the expression " + expression);
        }
    }

    private static ProcessRun shell(Path cwd, String script) throws Exception {
        return ProcessRun.run(cwd, List.of("sh", "-c", script), Map.of("PATH", ProcessRun.jdkOnlyPath(),
                "HOME", dir.toString()), dir);
    }

    /** The build job's outcome: the status of the step that ended it and the log of every step run. */
    private record Result(int status, String out) {
        void assertStatus(int expected) {
            assertThat(status).as("build job exit status; log:%n%s", out).isEqualTo(expected);
        }
    }

}
