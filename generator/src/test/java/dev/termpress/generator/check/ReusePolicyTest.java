package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReusePolicyTest {

    @Test
    void readingCommandsLeaveNoTrace() {
        assertThat(ReusePolicy.readOnly("uname -m")).isTrue();
        assertThat(ReusePolicy.readOnly("cat /etc/os-release | head -3")).isTrue();
        assertThat(ReusePolicy.readOnly("true && echo yes || echo no")).isTrue();
    }

    @Test
    void anythingThatCouldChangeStateDoesNot() {
        assertThat(ReusePolicy.readOnly("echo hi > /tmp/f")).isFalse();
        assertThat(ReusePolicy.readOnly("cd /tmp")).isFalse();
        assertThat(ReusePolicy.readOnly("x=1")).isFalse();
        assertThat(ReusePolicy.readOnly("echo $(touch /tmp/f)")).isFalse();
        assertThat(ReusePolicy.readOnly("sleep 100 &")).isFalse();
        assertThat(ReusePolicy.readOnly("ls | xargs rm")).isFalse();
        assertThat(ReusePolicy.readOnly("sort -o out in")).isFalse();
        assertThat(ReusePolicy.readOnly("mkdir d")).isFalse();
    }
}
