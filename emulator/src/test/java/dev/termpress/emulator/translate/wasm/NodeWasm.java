package dev.termpress.emulator.translate.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated module through node's WebAssembly engine: the test is skipped where there is no
 * node, and a module the engine refuses fails with the engine's message.
 */
final class NodeWasm {
    private NodeWasm() {
    }

    /**
     * Compiles and instantiates {@code module} in node and returns what {@code script} prints; the
     * script sees {@code instance} (with the imports {@code importsJs} evaluates to) and {@code print}.
     */
    static String run(byte[] module, String importsJs, String script) throws IOException, InterruptedException {
        assumeTrue(nodeAvailable(), "no node on PATH; WebAssembly validation skipped");
        Path dir = Files.createTempDirectory("wasm-test");
        try {
            Path wasm = dir.resolve("m.wasm");
            Files.write(wasm, module);
            Path js = dir.resolve("run.js");
            Files.writeString(js, "const fs = require('fs');\n"
                    + "const bytes = fs.readFileSync(process.argv[2]);\n"
                    + "if (!WebAssembly.validate(bytes)) { new WebAssembly.Module(bytes); throw new Error('invalid'); }\n"
                    + "const imports = " + importsJs + ";\n"
                    + "const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);\n"
                    + "const out = []; const print = (v) => out.push(String(v));\n"
                    + script + "\nprocess.stdout.write(out.join('\\n'));\n");
            Process p = new ProcessBuilder("node", js.toString(), wasm.toString()).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("node did not finish");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("node refused the module: " + text);
            }
            return text;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
