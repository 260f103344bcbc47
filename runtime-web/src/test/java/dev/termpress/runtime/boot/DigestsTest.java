package dev.termpress.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestsTest {

    private static final String HEX = "d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19";

    @Test
    void acceptsLowercaseSha256Only() {
        assertThat(Digests.valid("sha256:" + HEX)).isTrue();
        assertThat(Digests.valid("sha256:" + HEX.toUpperCase())).isFalse();
        assertThat(Digests.valid("sha512:" + HEX)).isFalse();
        assertThat(Digests.valid("sha256:" + HEX.substring(1))).isFalse();
        assertThat(Digests.valid("sha256:../../" + HEX.substring(6))).isFalse();
        assertThat(Digests.valid(null)).isFalse();
    }

    @Test
    void hexIsTheDigestWithoutItsAlgorithm() {
        assertThat(Digests.hex("sha256:" + HEX)).isEqualTo(HEX);
        assertThatThrownBy(() -> Digests.hex("md5:x")).hasMessageContaining("'md5:x' is not a digest");
    }
}
