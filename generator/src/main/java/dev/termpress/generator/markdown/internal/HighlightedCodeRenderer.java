package dev.termpress.generator.markdown.internal;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.data.DataHolder;
import java.util.Set;

/**
 * Renders a fenced block whose language {@link CodeHighlighter} knows as
 * {@code <pre class="tp-code" data-lang="…"><code class="language-…">} with token spans; any other
 * fenced block goes on to flexmark's own renderer, unchanged.
 */
public final class HighlightedCodeRenderer implements NodeRenderer {

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(FencedCodeBlock.class, this::render));
    }

    /** The fence's language: the first word of its info string, or "" when it has none. */
    public static String language(FencedCodeBlock block) {
        String info = block.getInfo().toString().strip();
        int space = 0;
        while (space < info.length() && !Character.isWhitespace(info.charAt(space))) {
            space++;
        }
        return info.substring(0, space);
    }

    private void render(FencedCodeBlock block, NodeRendererContext context, HtmlWriter html) {
        String language = language(block);
        if (language.isEmpty() || !CodeHighlighter.supports(language)) {
            context.delegateRender();
            return;
        }
        String code = block.getContentChars().toString();
        if (code.endsWith("\n")) {
            code = code.substring(0, code.length() - 1);
        }
        String escapedLanguage = escapeAttribute(language);
        html.line();
        // Inside openPre/closePre flexmark's writer keeps each line's leading spaces (it trims them elsewhere).
        html.openPre();
        html.raw("<pre class=\"tp-code\" data-lang=\"" + escapedLanguage + "\"><code class=\"language-"
                + escapedLanguage + "\">" + CodeHighlighter.highlight(language, code) + "\n</code></pre>");
        html.closePre();
        html.line();
    }

    private static String escapeAttribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Creates the renderer. */
    public static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new HighlightedCodeRenderer();
        }
    }
}
