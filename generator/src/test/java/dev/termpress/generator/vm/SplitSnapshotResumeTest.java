package dev.termpress.generator.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.snapshot.ColdPages;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.generator.image.LocalImageLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The busybox boot snapshot in two parts: a resume from the first part alone runs until it needs a cold
 * page, waits there, and once the second part arrives answers exactly as a cold boot does.
 */
class SplitSnapshotResumeTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");
    private static final LongSupplier CLOCK = () -> InstructionClock.BOOT_UNIX_NANOS;
    private static final long BUDGET = 600_000_000L;
    private static final long SLICE = 200_000L;
    private static final String COMMANDS = "echo ==$((1+1))==; echo foo=$FOO; pwd; id -u; echo made > snap; cat snap;"
            + " ls / | wc -l; find /bin | wc -l; echo end-$((1+2))\n";
    private static PreparedImage image;
    private static MachineSnapshot.Split split;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void makeSnapshot() throws Exception {
        image = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null));
        split = image.splitSnapshot();
    }

    @Test
    void twoBuildsSplitIntoTheSameBytesAndTheFirstPartIsTheSmallerHalf() throws Exception {
        MachineSnapshot.Split again = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null)).splitSnapshot();
        assertThat(again.first()).isEqualTo(split.first());
        assertThat(again.cold()).isEqualTo(split.cold());
        assertThat(SnapshotBlob.gzip(split.first()).length).isLessThan(SnapshotBlob.gzip(image.snapshot()).length * 2 / 3);
    }

    @Test
    void aResumeWhoseSecondPartArrivesLateAnswersAsAColdBoot() throws Exception {
        String conf = InitConf.render(image.image().settings(),
                new GuestOverrides("splitbox", "/tmp", null, Map.of("FOO", "late-7"), 0, 0));
        String coldAnswer = answer(image.boot(conf, config(), CLOCK), null);
        console.reset();

        BootedImage resumed = image.resumeFirstPart(split.first(), conf, config(), CLOCK);
        boolean[] waited = new boolean[1];
        String resumedAnswer = answer(resumed, () -> {
            if (resumed.machine().waitingForPages()) {
                waited[0] = true;
                ColdPages.apply(resumed.machine().ram(), split.cold());
            }
        });

        assertThat(waited[0]).as("the guest needed a cold page and waited for it").isTrue();
        assertThat(resumed.machine().ram().absentPages()).isZero();
        assertThat(resumedAnswer).isEqualTo(coldAnswer).contains("foo=late-7\r\n/tmp\r\n").contains("made\r\n");
    }

    @Test
    void aBlockWithItsOwnUserDirectoryAndHostnameReachesItsPromptOnTheFirstPartAlone() throws Exception {
        // A page's block hands init a full init.conf; its paths must be in the first part, or the browser
        // waits for the second before the prompt.
        String conf = InitConf.render(image.image().settings(),
                new GuestOverrides("reader-box", "/srv", "nobody", Map.of("GREETING", "hello"), 90, 30)); // init makes /srv
        BootedImage resumed = image.resumeFirstPart(split.first(), conf, config(), CLOCK);
        resumed.machine().console().resize(90, 30); // as the browser sizes the console after its resume

        long executed = 0;
        while (executed < BUDGET && !resumed.machine().waitingForPages() && !atPrompt()) {
            executed += resumed.handshake().run(SLICE);
        }

        assertThat(resumed.machine().waitingForPages()).as("stopped before a cold page; console:%n%s", text())
                .isFalse();
        assertThat(atPrompt()).as("at the prompt").isTrue();
    }

    /** The console ends with a shell prompt, terminal control sequences aside. */
    private boolean atPrompt() {
        return text().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").endsWith("$ ");
    }

    @Test
    void checkAndRunLoadBothPartsAtOnce() throws Exception {
        BootedImage resumed = image.start("", this::config, CLOCK, BootSnapshots.of(image), notices::add);
        assertThat(notices).isEmpty();
        assertThat(resumed.machine().ram().absentPages()).isZero();
        answer(resumed, null);
    }

    @Test
    void aMissingOrForeignSecondPartBootsColdWithOneLine() throws Exception {
        BootedImage missing = image.start("", this::config, CLOCK, () -> split.first(), notices::add);
        assertThat(missing.handshake().readySeen()).as("booted cold").isFalse();
        byte[] damaged = split.cold().clone();
        damaged[damaged.length / 2] ^= 1;
        image.start("", this::config, CLOCK, new PreparedImage.SnapshotSource() {
            @Override
            public byte[] load() {
                return split.first();
            }

            @Override
            public byte[] cold() {
                return damaged;
            }
        }, notices::add);

        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).contains("cold").contains("second part is missing");
        assertThat(notices.get(1)).contains("cold").contains("second part is damaged");
    }

    private interface Step {
        void after() throws Exception;
    }

    private String answer(BootedImage booted, Step afterSlice) throws Exception {
        byte[] bytes = COMMANDS.getBytes(StandardCharsets.UTF_8);
        booted.handshake().input(bytes, 0, bytes.length);
        long executed = 0;
        int idle = 0;
        while (executed < BUDGET && !booted.machine().halted() && !text().contains("end-3\r\n") && idle < 1000) {
            long ran = booted.handshake().run(SLICE);
            executed += ran;
            idle = ran == 0 ? idle + 1 : 0;
            if (afterSlice != null) {
                afterSlice.after();
            }
        }
        assertThat(text()).as("console after %d instructions", executed).contains("end-3\r\n");
        String seen = text();
        return seen.substring(seen.indexOf("==2=="), seen.indexOf("end-3\r\n")); // slices end at different points
    }

    private MachineConfig config() {
        return MachineConfig.deterministic(console::write);
    }

    private String text() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
