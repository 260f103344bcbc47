package dev.termpress.generator.markdown;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import dev.termpress.generator.markdown.internal.DemoNodeRenderer;
import dev.termpress.generator.markdown.internal.PageLinkResolver;

/**
 * Renders fenced {@code container} blocks as demo figures and rewrites links to their output URLs.
 *
 * <p>Follows flexmark's extension pattern: {@link #create()}, per-document input as a {@link DataKey}.
 */
public final class ContainerBlockExtension implements HtmlRenderer.HtmlRendererExtension {

    /** The page being rendered; set on the document before rendering it. */
    public static final DataKey<PageRenderContext> PAGE_CONTEXT =
            new DataKey<>("TERMPRESS_PAGE_CONTEXT", PageRenderContext.NONE);

    private ContainerBlockExtension() {}

    /** The extension, for {@code Extensions} lists. */
    public static ContainerBlockExtension create() {
        return new ContainerBlockExtension();
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {}

    @Override
    public void extend(HtmlRenderer.Builder builder, String rendererType) {
        builder.nodeRendererFactory(new DemoNodeRenderer.Factory());
        builder.linkResolverFactory(new PageLinkResolver.Factory());
    }
}
