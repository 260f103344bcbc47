package dev.termpress.generator.markdown.internal;

import dev.termpress.generator.markdown.FileBlock;
import java.nio.charset.StandardCharsets;

/**
 * The HTML of one {@code file} block: a header with the guest path, Copy (the theme's script copies the code's
 * text, which is the file: the content and its final newline) and Download (a link to the published blob, so it
 * works without JavaScript), then the highlighted content.
 */
public final class FileBlockHtml {

    private FileBlockHtml() {}

    /**
     * Renders a file block.
     *
     * @param block the block
     * @param rootPrefix the relative path from the page to the site root
     */
    public static String render(FileBlock block, String rootPrefix) {
        String path = block.file().path();
        String code = new String(block.file().content(), StandardCharsets.UTF_8);
        String shown = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
        String language = block.language();
        StringBuilder html = new StringBuilder(256 + code.length() * 2);
        html.append("<figure class=\"tp-file\" data-path=\"").append(DemoBlockHtml.attr(path)).append("\">\n");
        html.append("<figcaption class=\"tp-file-header\"><span class=\"tp-file-icon\" aria-hidden=\"true\"></span>")
                .append("<code class=\"tp-file-path\">").append(DemoBlockHtml.text(path)).append("</code>")
                .append("<span class=\"tp-file-actions\">")
                .append("<button type=\"button\" class=\"tp-copy\" aria-label=\"Copy ").append(DemoBlockHtml.attr(block.name())).append("\">Copy</button>")
                .append("<a class=\"tp-download\" href=\"").append(DemoBlockHtml.attr(rootPrefix + block.file().blobPath()))
                .append("\" download=\"").append(DemoBlockHtml.attr(block.name())).append("\" aria-label=\"Download ")
                .append(DemoBlockHtml.attr(block.name())).append("\">Download</a></span></figcaption>\n");
        if (language.isEmpty()) {
            html.append("<pre class=\"tp-code\"><code>").append(DemoBlockHtml.text(shown)).append("\n</code></pre>\n");
        } else {
            String lang = DemoBlockHtml.attr(language);
            html.append("<pre class=\"tp-code\" data-lang=\"").append(lang).append("\"><code class=\"language-")
                    .append(lang).append("\">").append(CodeHighlighter.highlight(language, shown))
                    .append("\n</code></pre>\n");
        }
        html.append("</figure>");
        return html.toString();
    }
}
