package dev.termpress.generator.bench;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.BuildResult;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.build.StagedOutput;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.PublishedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds a generated 1,000-page site (20 folders of 50 pages, two demo blocks, a table and links on
 * every page) several times and prints the wall time of each build and of each pipeline step.
 * Images are left out (a stub publisher): this measures the generator, not blob copying.
 */
public final class ThousandPageBenchmark {

    private static final int FOLDERS = 20;
    private static final int PAGES_PER_FOLDER = 50;
    private static final int WARMUP = 2;
    private static final int MEASURED = 5;

    private ThousandPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path site = Files.createTempDirectory("termpress-bench-");
        try {
            generate(site);
            ImagePublisher stub = (spec, out) -> {
                try {
                    Files.createDirectories(out.resolve("images"));
                    Files.writeString(out.resolve("images/" + spec.name() + ".json"), "{}");
                } catch (IOException e) {
                    throw new ImageException("cannot write stub descriptor", e);
                }
                return new PublishedImage(spec.name(), "images/" + spec.name() + ".json", 0, 2);
            };
            SiteBuilder builder = new SiteBuilder(stub, Progress.QUIET);
            List<Long> times = new ArrayList<>();
            for (int run = 0; run < WARMUP + MEASURED; run++) {
                BuildResult result = builder.build(BuildOptions.of(site));
                String label = run < WARMUP ? "warm-up" : "run";
                System.out.printf("%-8s %5d ms  (%s)%n", label, result.millis(), result.timings());
                if (run >= WARMUP) {
                    times.add(result.millis());
                }
                if (run == 0) {
                    System.out.println(result.summary());
                    printSearchIndexSize(result.outputDir());
                }
            }
            Collections.sort(times);
            System.out.printf("1,000 pages: median %d ms, best %d ms over %d runs (after %d warm-up builds)%n",
                    times.get(times.size() / 2), times.get(0), MEASURED, WARMUP);
        } finally {
            StagedOutput.deleteTree(site);
        }
    }

    /** The search index's size as written and as a host would send it gzipped. */
    private static void printSearchIndexSize(Path output) throws IOException {
        try (var files = Files.list(output)) {
            for (Path index : files.filter(p -> p.getFileName().toString().startsWith("search-index.")).toList()) {
                byte[] bytes = Files.readAllBytes(index);
                var gzipped = new java.io.ByteArrayOutputStream();
                try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
                    gzip.write(bytes);
                }
                System.out.printf("search index: %d bytes, %d gzipped%n", bytes.length, gzipped.size());
            }
        }
    }

    private static void generate(Path site) throws IOException {
        Files.writeString(site.resolve("termpress.yaml"), "title: Benchmark\nsnapshot: false\nimages:\n  busybox: images/busybox\n");
        Path content = site.resolve("content");
        Files.createDirectories(content);
        Files.writeString(content.resolve("index.md"), "# Benchmark\n\nStart at [the first page](s00/p00.md).\n");
        for (int f = 0; f < FOLDERS; f++) {
            Path folder = content.resolve(String.format("s%02d", f));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("index.md"), "---\ntitle: Section " + f + "\nweight: " + f + "\n---\nSection.\n");
            int pages = PAGES_PER_FOLDER - 1;
            for (int p = 0; p < pages; p++) {
                Files.writeString(folder.resolve(String.format("p%02d.md", p)), page(f, p, pages));
            }
        }
    }

    private static String page(int folder, int page, int pages) {
        String next = String.format("p%02d.md", (page + 1) % pages);
        StringBuilder md = new StringBuilder();
        md.append("---\ntitle: Page ").append(folder).append('.').append(page)
                .append("\nweight: ").append(page).append("\n---\n\n# Page ").append(page).append("\n\n");
        for (int i = 0; i < 8; i++) {
            md.append("A paragraph with *emphasis*, `code`, and a [link to the next page](").append(next)
                    .append(") so the link checker has work. Lorem ipsum dolor sit amet, consectetur.\n\n");
        }
        md.append("## A table\n\n| Tool | Use |\n|---|---|\n| grep | search |\n| sed | edit |\n| awk | fields |\n\n");
        for (int d = 0; d < 2; d++) {
            md.append("```container image=busybox workdir=/tmp title=\"Demo ").append(d).append("\"\n")
                    .append("$ echo hello ").append(d).append("\nhello ").append(d).append('\n')
                    .append("$ printf 'b\\na\\n' | sort\na\nb\n```\n\n");
        }
        md.append("- [x] done\n- [ ] to do\n\nBack to [the section](index.md).\n");
        return md.toString();
    }
}
