package dev.termpress.generator.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What rendering one page needs beyond its Markdown; stored in the flexmark document under
 * {@link ContainerBlockExtension#PAGE_CONTEXT}.
 *
 * @param rootPrefix the relative path from the page to the site root ({@code ""} or {@code "../../"})
 * @param demos the demo blocks of this page by the fenced block they came from
 * @param imageDescriptors image name to descriptor path relative to the site root
 * @param links rewrites a link as written in Markdown into its URL in the output
 * @param upperLimits image name to its writable layer's limit in bytes, for images that set one
 * @param fileBlocks the {@code file} blocks of this page by the fenced block they came from
 * @param prewarmBudgets image name to the bytes its blocks may fetch before Run (0: no prewarm); images missing
 *     here get the default budget
 */
public record PageRenderContext(
        String rootPrefix,
        Map<FencedCodeBlock, DemoBlock> demos,
        Map<String, String> imageDescriptors,
        UnaryOperator<String> links,
        Map<String, Long> upperLimits,
        Map<FencedCodeBlock, FileBlock> fileBlocks,
        Map<String, Long> prewarmBudgets) {

    /** A context whose images keep the default prewarm budget. */
    public PageRenderContext(String rootPrefix, Map<FencedCodeBlock, DemoBlock> demos,
            Map<String, String> imageDescriptors, UnaryOperator<String> links, Map<String, Long> upperLimits,
            Map<FencedCodeBlock, FileBlock> fileBlocks) {
        this(rootPrefix, demos, imageDescriptors, links, upperLimits, fileBlocks, Map.of());
    }

    /** A context for a page without file blocks. */
    public PageRenderContext(String rootPrefix, Map<FencedCodeBlock, DemoBlock> demos,
            Map<String, String> imageDescriptors, UnaryOperator<String> links, Map<String, Long> upperLimits) {
        this(rootPrefix, demos, imageDescriptors, links, upperLimits, Map.of(), Map.of());
    }

    /** A context whose images keep the default writable-layer limit. */
    public PageRenderContext(String rootPrefix, Map<FencedCodeBlock, DemoBlock> demos,
            Map<String, String> imageDescriptors, UnaryOperator<String> links) {
        this(rootPrefix, demos, imageDescriptors, links, Map.of(), Map.of(), Map.of());
    }

    /** A context for rendering without a site (demo blocks need one, so there are none). */
    public static final PageRenderContext NONE = new PageRenderContext("", Map.of(), Map.of(), UnaryOperator.identity());
}
