package dev.termpress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlightExtensionTest {

    private final Markdown markdown = new Markdown();

    private String render(String text) {
        return markdown.render(markdown.parse(text), PageRenderContext.NONE);
    }

    @Test
    void knownLanguageGetsTokenSpans() {
        String html = render("```python\ndef greet(name):\n    return \"hi \" + name  # say hi\n```\n");
        assertThat(html)
                .contains("<pre class=\"tp-code\" data-lang=\"python\"><code class=\"language-python\">")
                .contains("<span class=\"hl-keyword\">def</span>")
                .contains(":</span>\n    <span class=\"hl-keyword\">return</span>")
                .contains("<span class=\"hl-string\">&quot;hi &quot;</span>")
                .contains("<span class=\"hl-comment\"># say hi</span>");
    }

    @Test
    void blockCommentStateCarriesAcrossLines() {
        String html = render("```java\n/* one\n   two */ int x = 0x1F;\n```\n");
        assertThat(html)
                .contains("<span class=\"hl-comment\">/* one</span>\n<span class=\"hl-comment\">   two */</span>")
                .contains("<span class=\"hl-type\">int</span>")
                .contains("<span class=\"hl-number\">0x1F</span>");
    }

    @Test
    void markupIsEscapedInsideTokens() {
        String html = render("```html\n<a href=\"x&y\">&lt;b&gt;</a>\n```\n");
        assertThat(html)
                .contains("<span class=\"hl-tag\">a</span>")
                .contains("<span class=\"hl-attr\">href</span>")
                .contains("&amp;y")
                .doesNotContain("<a href");
    }

    @Test
    void aliasesAndCaseAreAccepted() {
        assertThat(render("```Sh\necho \"$HOME\"\n```\n")).contains("data-lang=\"Sh\"").contains("hl-");
        assertThat(render("```yml\nkey: 1\n```\n")).contains("data-lang=\"yml\"");
    }

    @Test
    void unknownOrMissingLanguageStaysPlain() {
        assertThat(render("```brainfuck\n+[-]<>\n```\n"))
                .isEqualTo("<pre><code class=\"language-brainfuck\">+[-]&lt;&gt;\n</code></pre>\n");
        assertThat(render("```\nplain <text>\n```\n")).isEqualTo("<pre><code>plain &lt;text&gt;\n</code></pre>\n");
    }

    @Test
    void emptyBlockAndBlankLinesKeepTheirShape() {
        assertThat(render("```js\n```\n")).contains("<code class=\"language-js\">\n</code>");
        assertThat(render("```js\na\n\nb\n```\n")).contains(">a\n\nb\n</code>");
    }
}
