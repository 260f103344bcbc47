package dev.termpress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.markdown.DemoAttributes.Attribute;
import org.junit.jupiter.api.Test;

class DemoAttributesTest {

    @Test
    void readsBareQuotedAndFlagAttributes() throws Exception {
        assertThat(DemoAttributes.parse(" image=busybox title=\"Say \\\"hi\\\"\" env='A=b c' autorun"))
                .containsExactly(
                        new Attribute("image", "busybox"),
                        new Attribute("title", "Say \"hi\""),
                        new Attribute("env", "A=b c"),
                        new Attribute("autorun", null));
    }

    @Test
    void emptyInfoHasNoAttributes() throws Exception {
        assertThat(DemoAttributes.parse("   ")).isEmpty();
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> DemoAttributes.parse("image=busybox title=\"Hello"))
                .isInstanceOf(DemoAttributes.SyntaxException.class)
                .hasMessageContaining("unterminated \" in the value of 'title'");
    }

    @Test
    void strayQuoteInBareValueIsAnError() {
        assertThatThrownBy(() -> DemoAttributes.parse("title=it's"))
                .hasMessageContaining("stray ' in the value of 'title'");
    }

    @Test
    void textGluedToClosingQuoteIsAnError() {
        assertThatThrownBy(() -> DemoAttributes.parse("title=\"a\"b"))
                .hasMessageContaining("separate attributes with spaces");
    }

    @Test
    void missingNameIsAnError() {
        assertThatThrownBy(() -> DemoAttributes.parse("=busybox"))
                .hasMessageContaining("expected an attribute name");
    }
}
