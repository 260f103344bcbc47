package dev.termpress.generator.markdown.internal;

import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.data.DataHolder;
import dev.termpress.generator.markdown.Callout;
import java.util.Set;

/**
 * Renders a callout as {@code <div class="tp-callout tp-callout-KIND" role="note">} with a visible
 * title paragraph, so the kind is text a screen reader says, not only a colour or an icon.
 */
public final class CalloutRenderer implements NodeRenderer {

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(Callout.class, this::render));
    }

    private void render(Callout callout, NodeRendererContext context, HtmlWriter html) {
        Callout.Kind kind = callout.kind();
        html.line();
        html.raw("<div class=\"tp-callout tp-callout-" + kind.cssName() + "\" role=\"note\">");
        html.line();
        html.raw("<p class=\"tp-callout-title\"><span class=\"tp-callout-icon\" aria-hidden=\"true\"></span>"
                + kind.title() + "</p>");
        html.line();
        context.renderChildren(callout);
        html.line();
        html.raw("</div>");
        html.line();
    }

    /** Creates the renderer. */
    public static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new CalloutRenderer();
        }
    }
}
