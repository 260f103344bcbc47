package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineDeviceTreeTest {

    @TempDir
    Path temp;

    @Test
    void dtcDecompilesTheDeviceTree() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/dtc")), "device-tree-compiler not installed");
        Machine machine = new Machine(MachineConfig.deterministic((d, o, l) -> { })
                .withBootargs("console=hvc0 quiet"));
        Path dtb = temp.resolve("machine.dtb");
        Files.write(dtb, machine.deviceTree());
        Process dtc = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", dtb.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dtc.getInputStream().transferTo(out);
        assertThat(dtc.waitFor()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        String dts = out.toString(StandardCharsets.UTF_8);
        assertThat(dts)
                .contains("bootargs = \"console=hvc0 quiet\"")
                .contains("rng-seed")
                .contains("riscv,isa = \"rv64imafdc_zicsr_zifencei\"")
                .contains("mmu-type = \"riscv,sv39\"")
                .contains("timebase-frequency = <0x989680>")
                .contains("memory@80000000")
                .contains("reg = <0x00 0x80000000 0x00 0x8000000>")
                .contains("clint@2000000")
                .contains("interrupts-extended = <0x01 0x03 0x01 0x07>")
                .contains("test@100000")
                .contains("rtc@101000")
                .contains("compatible = \"google,goldfish-rtc\"")
                .contains("compatible = \"simple-bus\"");
        assertThat(dts).doesNotContain("Warning");
    }
}
