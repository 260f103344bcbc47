package dev.termpress.generator.markdown;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import dev.termpress.generator.markdown.internal.CalloutPostProcessor;
import dev.termpress.generator.markdown.internal.CalloutRenderer;

/** GitHub's alert syntax ({@code > [!NOTE]} and the four other kinds) as {@link Callout} blocks. */
public final class CalloutExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private CalloutExtension() {}

    /** The extension, for {@code Extensions} lists. */
    public static CalloutExtension create() {
        return new CalloutExtension();
    }

    @Override
    public void parserOptions(MutableDataHolder options) {}

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessorFactory(new CalloutPostProcessor.Factory());
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {}

    @Override
    public void extend(HtmlRenderer.Builder builder, String rendererType) {
        builder.nodeRendererFactory(new CalloutRenderer.Factory());
    }
}
