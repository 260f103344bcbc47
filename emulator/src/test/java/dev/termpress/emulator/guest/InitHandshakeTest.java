package dev.termpress.emulator.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.ReadCallback;
import dev.termpress.emulator.host.SeededEntropySource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's half of the handshake without a guest: markers in, init.conf and go out, input held. */
class InitHandshakeTest {

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final ImageFileSystem fs;
    private final InitHandshake handshake;

    InitHandshakeTest() throws Exception {
        fs = ImageFileSystem.create(List.of(new LayerIndex(List.of(), 0)), new ByteArrayLayerSource(List.of(new byte[0])),
                () -> 0L);
        handshake = new InitHandshake(fs, "hostname box\n", () -> 1_704_067_200_123_456_789L,
                new SeededEntropySource(7), shown::write);
        handshake.attach(new Machine(MachineConfig.deterministic(handshake)));
    }

    @Test
    void markersAreTakenOutEvenWhenSplitAcrossWrites() {
        emit("boot \033]53");
        emit("79;termpress-re");
        emit("ady\007 after");

        assertThat(shown()).isEqualTo("boot  after");
        assertThat(handshake.service()).as("the ready marker moves the handshake on").isTrue();
    }

    @Test
    void otherEscapeSequencesPassThrough() {
        emit("\033]0;title\007\033]5379;other\007\033[1mbold");

        assertThat(shown()).isEqualTo("\033]0;title\007\033]5379;other\007\033[1mbold");
        assertThat(handshake.service()).isFalse();
    }

    @Test
    void readyWritesInitConfWithTimeAndSeedAndInputWaitsForStarted() throws Exception {
        handshake.input(bytes("typed early\n"), 0, 12);
        emit(InitHandshake.READY_MARKER);
        assertThat(handshake.service()).isTrue();

        String conf = initConf();
        assertThat(conf).startsWith("hostname box\n").contains("realtime 1704067200.123456789\n")
                .containsPattern("seed [0-9a-f]{64}\n");
        assertThat(handshake.started()).as("input is held until init says it started").isFalse();

        emit("x" + InitHandshake.STARTED_MARKER + "y");
        assertThat(handshake.service()).isTrue();
        assertThat(handshake.started()).isTrue();
        assertThat(shown()).isEqualTo("xy");

        emit(InitHandshake.READY_MARKER);
        assertThat(shown()).as("after the start nothing is filtered").endsWith(InitHandshake.READY_MARKER);
    }

    @Test
    void aResumedHandshakeStartsAtReadyAndInstallsInitConfOnItsFirstService() throws Exception {
        emit("");
        handshake.resumeAtReady();
        assertThat(handshake.readySeen()).isTrue();
        assertThat(handshake.service()).as("init.conf and go without a ready marker").isTrue();
        assertThat(handshake.readySeen()).isFalse();
        assertThat(initConf()).startsWith("hostname box\n").contains("realtime 1704067200.123456789\n");

        emit(InitHandshake.STARTED_MARKER + "prompt");
        assertThat(handshake.service()).isTrue();
        assertThat(shown()).isEqualTo("prompt");
    }

    @Test
    void readySeenHoldsFromTheMarkerToTheNextService() {
        assertThat(handshake.readySeen()).isFalse();
        emit(InitHandshake.READY_MARKER);
        assertThat(handshake.readySeen()).isTrue();
        handshake.service();
        assertThat(handshake.readySeen()).isFalse();
    }

    @Test
    void inputHeldBeyondTheBoundIsDroppedWithOneNotice() {
        byte[] typed = new byte[InitHandshake.MAX_HELD_INPUT - 3];
        java.util.Arrays.fill(typed, (byte) 't');
        handshake.input(typed, 0, typed.length);
        handshake.input(bytes("abcdef"), 0, 6);
        handshake.input(bytes("ghi"), 0, 3);

        assertThat(handshake.heldInput()).isEqualTo(InitHandshake.MAX_HELD_INPUT);
        assertThat(shown()).isEqualTo(InitHandshake.DROPPED_NOTICE + "3 bytes]\r\n");
        assertThat(InitHandshake.MAX_HELD_INPUT).as("handing it over never overflows the console")
                .isLessThanOrEqualTo(dev.termpress.emulator.virtio.VirtioConsole.MAX_PENDING_INPUT);
    }

    private String initConf() throws Exception {
        Inode file = fs.lookup(fs.lookup(fs.root(), InitConf.DIRECTORY), InitConf.FILE_NAME);
        String[] text = {null};
        fs.read(file, 0, InitConf.MAX_BYTES, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                text[0] = new String(data, offset, length, StandardCharsets.UTF_8);
            }

            @Override
            public void failed(int errno) {
                text[0] = "errno " + errno;
            }
        });
        return text[0];
    }

    private void emit(String text) {
        byte[] b = bytes(text);
        handshake.write(b, 0, b.length);
    }

    private String shown() {
        return shown.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
