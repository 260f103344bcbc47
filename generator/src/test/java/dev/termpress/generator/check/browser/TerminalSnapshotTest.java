package dev.termpress.generator.check.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the page script hands back, as Playwright delivers it. */
class TerminalSnapshotTest {

    @Test
    void aRunningTerminalIsReadFromTheMap() {
        Map<String, Object> map = new HashMap<>();
        map.put("state", "running");
        map.put("error", null);
        map.put("hooked", true);
        map.put("text", "~ # ");
        map.put("cursorLine", "~ # ");

        TerminalSnapshot snapshot = TerminalSnapshot.of(map);

        assertThat(snapshot).isEqualTo(new TerminalSnapshot("running", null, true, "~ # ", "~ # "));
        assertThat(snapshot.missingHook()).isFalse();
    }

    @Test
    void aRunningFigureWithoutTheRuntimesHookIsAnOlderRuntime() {
        TerminalSnapshot snapshot = TerminalSnapshot.of(Map.of("state", "running", "hooked", false));

        assertThat(snapshot.missingHook()).isTrue();
        assertThat(snapshot.text()).isNull();
        assertThat(snapshot.textOrEmpty()).isEmpty();
        assertThat(TerminalSnapshot.of(Map.of("state", "loading", "hooked", false)).missingHook()).isFalse();
    }

    @Test
    void theRuntimesPowerOffNoticeIsNotGuestOutput() {
        TerminalSnapshot snapshot = TerminalSnapshot.of(Map.of("state", "exited", "hooked", true,
                "text", "bye\n[    0.4] reboot: Power down\n\n[the machine powered off]"));

        assertThat(snapshot.text()).isEqualTo("bye\n[    0.4] reboot: Power down");
    }

    @Test
    void anythingButAnObjectIsABug() {
        assertThatThrownBy(() -> TerminalSnapshot.of("nope")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope");
    }
}
