package dev.termpress.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuntimeAssetsTest {

    @Test
    void namesCarryAHashOfTheContent() {
        assertThat(RuntimeAssets.hashedName("xterm.js", "a".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("xterm.ca978112ca1b.js");
        assertThat(RuntimeAssets.hashedName("Image.gz", new byte[0])).isEqualTo("Image.e3b0c44298fc.gz");
        assertThat(RuntimeAssets.hashedName("LICENSE", new byte[0])).isEqualTo("LICENSE.e3b0c44298fc");
    }

    @Test
    void everyRoleHasAFileFromThisBuild() {
        RuntimeAssets assets = RuntimeAssets.get();

        assertThat(assets.names()).containsOnlyKeys("script", "css", "worker", "wasm", "teavm", "xterm", "xtermCss",
                "fit", "xtermLicense", "kernel");
        assertThat(assets.files()).hasSize(assets.names().size());
        byte[] wasm = assets.files().get(assets.names().get("wasm"));
        assertThat(wasm).startsWith(0, 'a', 's', 'm'); // a WebAssembly module from the TeaVM build
        assertThat(assets.script()).matches("termpress-runtime\\.[0-9a-f]{12}\\.js");
    }

    @Test
    void assetsJsonPrefixesEveryName() {
        String json = RuntimeAssets.get().assetsJson("../assets/runtime/");

        assertThat(json).startsWith("{\"script\":\"../assets/runtime/termpress-runtime.")
                .contains("\"kernel\":\"../assets/runtime/Image.").endsWith("}");
    }

    @Test
    void assetsJsonNamesTheRawKernelsSha256ForBootSnapshots() throws Exception {
        RuntimeAssets assets = RuntimeAssets.get();
        byte[] raw = dev.termpress.emulator.kernel.KernelImage.load();
        String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));

        assertThat(assets.kernelSha256()).isEqualTo(hex);
        assertThat(assets.assetsJson("x/")).contains("\"kernelSha256\":\"" + hex + "\"");
        assertThat(assets.assetsJson("x/")).as("what prewarming a cold boot would fetch")
                .contains("\"kernelSize\":" + assets.files().get(assets.names().get("kernel")).length + "}");
    }
}
