package dev.termpress.generator.markdown.internal;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRendererFactory;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.data.DataHolder;
import dev.termpress.generator.markdown.ContainerBlockExtension;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.FileBlock;
import dev.termpress.generator.markdown.PageRenderContext;
import java.util.Set;

/** Renders demo blocks and file blocks; every other fenced block goes to flexmark's own renderer. */
public final class DemoNodeRenderer implements NodeRenderer {

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(FencedCodeBlock.class, this::render));
    }

    private void render(FencedCodeBlock block, NodeRendererContext context, HtmlWriter html) {
        PageRenderContext page = ContainerBlockExtension.PAGE_CONTEXT.get(context.getDocument());
        FileBlock fileBlock = page.fileBlocks().get(block);
        if (fileBlock != null) {
            html.line();
            html.openPre(); // keeps the file's leading spaces, as for demo blocks below
            html.raw(FileBlockHtml.render(fileBlock, page.rootPrefix()));
            html.closePre();
            html.line();
            return;
        }
        DemoBlock demo = page.demos().get(block);
        if (demo == null) {
            context.delegateRender();
            return;
        }
        int index = 1 + (int) page.demos().keySet().stream()
                .filter(other -> other.getStartOffset() < block.getStartOffset())
                .count();
        String descriptor = page.rootPrefix() + page.imageDescriptors().getOrDefault(demo.image(), "");
        html.line();
        // Inside openPre/closePre flexmark's writer keeps each line's leading spaces: outside it trims
        // them, and expected output such as uniq -c's right-aligned counts lost its indentation.
        html.openPre();
        html.raw(DemoBlockHtml.render(demo, "demo-" + index, descriptor, page.upperLimits().get(demo.image()),
                page.prewarmBudgets().getOrDefault(demo.image(), DemoBlockHtml.DEFAULT_PREWARM_BYTES)));
        html.closePre();
        html.line();
    }

    /** Creates the renderer. */
    public static final class Factory implements NodeRendererFactory {
        @Override
        public NodeRenderer apply(DataHolder options) {
            return new DemoNodeRenderer();
        }
    }
}
