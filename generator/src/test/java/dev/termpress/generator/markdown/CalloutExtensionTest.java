package dev.termpress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalloutExtensionTest {

    private final Markdown markdown = new Markdown();

    private String render(String text) {
        return markdown.render(markdown.parse(text), PageRenderContext.NONE);
    }

    @Test
    void noteWithTextOnTheNextLine() {
        assertThat(render("> [!NOTE]\n> Useful *information*.\n")).isEqualTo("""
                <div class="tp-callout tp-callout-note" role="note">
                <p class="tp-callout-title"><span class="tp-callout-icon" aria-hidden="true"></span>Note</p>
                <p>Useful <em>information</em>.</p>
                </div>
                """);
    }

    @Test
    void everyKindAndAnyCase() {
        for (Callout.Kind kind : Callout.Kind.values()) {
            String html = render("> [!" + kind.name().toLowerCase() + "]\n> text\n");
            assertThat(html).contains("tp-callout-" + kind.cssName()).contains(">" + kind.title() + "</p>");
        }
    }

    @Test
    void severalParagraphsAndBlocksStayInside() {
        String html = render("> [!WARNING]\n>\n> First.\n>\n> - a list\n>\n> ```sh\n> rm -rf /tmp/x\n> ```\n\nAfter.\n");
        assertThat(html)
                .startsWith("<div class=\"tp-callout tp-callout-warning\" role=\"note\">")
                .contains("<p>First.</p>", "<li>a list</li>", "data-lang=\"sh\"")
                .doesNotContain("[!WARNING]")
                .endsWith("</div>\n<p>After.</p>\n");
    }

    @Test
    void ordinaryQuotesAndMarkersWithTextAfterThemStayQuotes() {
        assertThat(render("> just a quote\n")).isEqualTo("<blockquote>\n<p>just a quote</p>\n</blockquote>\n");
        assertThat(render("> [!NOTE] same line\n")).contains("<blockquote>").contains("[!NOTE] same line");
        assertThat(render("> [!HINT]\n> x\n")).contains("<blockquote>");
        assertThat(render("> text\n> [!NOTE]\n")).contains("<blockquote>");
    }
}
