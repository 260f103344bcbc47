package dev.termpress.emulator.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitConfTest {

    private static final ContainerSettings DEBIAN_LIKE = new ContainerSettings(
            List.of("PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"), "/srv", "app:staff",
            List.of("/usr/bin/tini", "--"), List.of("/bin/bash", "-l"));

    @Test
    void writesTheImageSettingsInInitsFormat() {
        String text = InitConf.render(DEBIAN_LIKE, GuestOverrides.none());

        assertThat(body(text)).containsExactly(
                "env PATH=/usr/local/bin:/usr/bin:/bin",
                "env LANG=C.UTF-8",
                "workdir /srv",
                "user app:staff",
                "arg /usr/bin/tini",
                "arg --",
                "arg /bin/bash",
                "arg -l");
    }

    @Test
    void blockOverridesWinAndNewVariablesComeLast() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LANG", "en_GB.UTF-8");
        env.put("NAME", "reader");
        GuestOverrides overrides = new GuestOverrides("demo", "/root", "root", env, 120, 40);

        String text = InitConf.render(DEBIAN_LIKE, overrides);

        assertThat(body(text)).containsExactly(
                "hostname demo",
                "env PATH=/usr/local/bin:/usr/bin:/bin",
                "env LANG=en_GB.UTF-8",
                "env NAME=reader",
                "workdir /root",
                "user root",
                "arg /usr/bin/tini",
                "arg --",
                "arg /bin/bash",
                "arg -l",
                "winsize 120x40");
    }

    @Test
    void anImageWithoutSettingsLeavesInitsDefaults() {
        assertThat(body(InitConf.render(ContainerSettings.none(), GuestOverrides.none()))).isEmpty();
    }

    @Test
    void withEnvReplacesAndAppends() {
        GuestOverrides overrides = GuestOverrides.none().withEnv("A", "1").withEnv("B", "2").withEnv("A", "3");

        assertThat(overrides.env()).containsExactly(Map.entry("B", "2"), Map.entry("A", "3"));
    }

    @Test
    void aValueWithALineBreakIsRejectedByName() {
        GuestOverrides overrides = new GuestOverrides(null, "/tmp\nuser root", null, Map.of(), 0, 0);

        assertThatThrownBy(() -> InitConf.render(ContainerSettings.none(), overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workdir \"/tmp\\nuser root\"")
                .hasMessageContaining("line break");
    }

    @Test
    void aVariableWithoutANameIsRejected() {
        ContainerSettings image = new ContainerSettings(List.of("=oops"), null, null, null, null);

        assertThatThrownBy(() -> InitConf.render(image, GuestOverrides.none()))
                .hasMessageContaining("has no name");
    }

    @Test
    void windowSizeIsClampedToInitsLimit() {
        String text = InitConf.render(ContainerSettings.none(), GuestOverrides.none().withWinsize(20000, 50));

        assertThat(body(text)).containsExactly("winsize 9999x50");
    }

    /** The lines that are settings (the file starts with a comment). */
    private static List<String> body(String text) {
        assertThat(text).endsWith("\n");
        return text.lines().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void clockAndSeedAreAppendedInInitsFormat() {
        String text = InitConf.withClockAndSeed("hostname a\n", 1_704_067_200_000_000_042L, new byte[] {0x00, (byte) 0xff, 0x5a});

        assertThat(text).isEqualTo("hostname a\nrealtime 1704067200.000000042\nseed 00ff5a\n");
    }

    @Test
    void hostnamesFollowRfc1123() {
        assertThat(InitConf.hostnameProblem("web-demo")).isNull();
        assertThat(InitConf.hostnameProblem("a.b-c.d9")).isNull();
        assertThat(InitConf.hostnameProblem("")).contains("1 to 64");
        assertThat(InitConf.hostnameProblem("-web")).contains("hyphen");
        assertThat(InitConf.hostnameProblem("a..b")).contains("1 to 63");
        assertThat(InitConf.hostnameProblem("under_score")).contains("only letters");
        assertThat(InitConf.hostnameProblem("x".repeat(65))).contains("1 to 64");
        assertThatThrownBy(() -> InitConf.render(ContainerSettings.none(),
                new GuestOverrides("bad name", null, null, null, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("hostname: ");
    }
}
