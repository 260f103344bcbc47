package dev.termpress.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link TeaVmArrayTypes} on the worker module this build's TeaVM made (process-classes runs before
 * the tests). That the unwrap module really opens TeaVM's arrays needs WebAssembly GC, which node 20
 * lacks: JitSpikeBenchmark checks it in Chromium.
 */
class TeaVmArrayTypesTest {
    private static final Path WORKER = Path.of("target/classes/dev/termpress/runtime/web/termpress-worker.wasm");

    private static byte[] worker() throws Exception {
        assumeTrue(Files.isRegularFile(WORKER), "no TeaVM build at " + WORKER);
        return Files.readAllBytes(WORKER);
    }

    @Test
    void findsTheJavaArrayStructsInTeaVmsTypes() throws Exception {
        TeaVmArrayTypes types = TeaVmArrayTypes.of(worker());
        assertThat(types.intArrayStruct()).isPositive();
        assertThat(types.longArrayStruct()).isPositive().isNotEqualTo(types.intArrayStruct());
    }

    @Test
    void theUnwrapModuleStartsWithTeaVmsTypeEntriesVerbatim() throws Exception {
        byte[] teavm = worker();
        byte[] unwrap = TeaVmArrayTypes.of(teavm).unwrapModule();
        // Both type sections: id 1, a size, then the entry count; the copied entries follow the count.
        int teavmEntries = indexOfTypeSection(teavm);
        int unwrapEntries = indexOfTypeSection(unwrap);
        byte[] copied = Arrays.copyOfRange(unwrap, unwrapEntries, unwrapEntries + 256);
        assertThat(Arrays.copyOfRange(teavm, teavmEntries, teavmEntries + 256)).isEqualTo(copied);
    }

    @Test
    void aModuleWithoutTeaVmsLayoutIsRefusedByName() {
        byte[] other = LoopKernelModule.build(RamAccess.GC_ARRAYS, 1 << 20);
        assertThatThrownBy(() -> TeaVmArrayTypes.of(other))
                .hasMessageContaining("no Java int[] and long[] struct types");
        assertThatThrownBy(() -> TeaVmArrayTypes.of(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0}))
                .hasMessageContaining("no type section");
    }

    /** The offset of the first type entry: after section id 1, its size and the entry count (LEB128). */
    private static int indexOfTypeSection(byte[] module) {
        int pos = 8;
        assertThat(module[pos]).isEqualTo((byte) 1);
        pos++;
        while ((module[pos++] & 0x80) != 0) {
            // size
        }
        while ((module[pos++] & 0x80) != 0) {
            // entry count
        }
        return pos;
    }
}
