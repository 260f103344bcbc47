package dev.termpress.runtime.jit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a JavaScript program in node (skipped where there is none) with a module's bytes in {@code bytes}. */
final class NodeScript {
    private NodeScript() {
    }

    static String run(byte[] module, String script) throws IOException, InterruptedException {
        assumeTrue(nodeAvailable(), "no node on PATH; the generated code is not run");
        Path dir = Files.createTempDirectory("jit-test");
        Path wasm = dir.resolve("m.wasm");
        Path js = dir.resolve("run.js");
        try {
            Files.write(wasm, module);
            Files.writeString(js, "const bytes = require('fs').readFileSync(process.argv[2]);\n"
                    + "const out = []; const print = (v) => out.push(String(v));\n"
                    + script + "\nprocess.stdout.write(out.join('\\n'));\n");
            Process p = new ProcessBuilder("node", js.toString(), wasm.toString()).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("node did not finish");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("node failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(wasm);
            Files.deleteIfExists(js);
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
