package dev.termpress.generator.markdown;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import dev.termpress.generator.markdown.internal.HighlightedCodeRenderer;

/**
 * Highlights fenced code blocks with a known language at build time, so code reads coloured without
 * JavaScript and without a flash of plain text. List it before {@link ContainerBlockExtension}: demo
 * blocks are rendered there and everything else is handed down to this one.
 */
public final class HighlightExtension implements HtmlRenderer.HtmlRendererExtension {

    private HighlightExtension() {}

    /** The extension, for {@code Extensions} lists. */
    public static HighlightExtension create() {
        return new HighlightExtension();
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {}

    @Override
    public void extend(HtmlRenderer.Builder builder, String rendererType) {
        builder.nodeRendererFactory(new HighlightedCodeRenderer.Factory());
    }
}
