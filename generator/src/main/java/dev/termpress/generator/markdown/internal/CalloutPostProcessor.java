package dev.termpress.generator.markdown.internal;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import dev.termpress.generator.markdown.Callout;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a block quote whose first line is only {@code [!KIND]} by a {@link Callout} holding the rest,
 * as GitHub does: the marker is case-insensitive and must stand alone on its line; anything else
 * stays an ordinary quote.
 */
public final class CalloutPostProcessor extends NodePostProcessor {

    private static final Pattern MARKER =
            Pattern.compile("\\A\\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)][ \\t]*(\\r?\\n|\\z)", Pattern.CASE_INSENSITIVE);

    @Override
    public void process(NodeTracker state, Node node) {
        if (!(node instanceof BlockQuote quote) || !(quote.getFirstChild() instanceof Paragraph first)) {
            return;
        }
        Matcher marker = MARKER.matcher(first.getChars());
        if (!marker.find()) {
            return;
        }
        Callout.Kind kind = Callout.Kind.valueOf(marker.group(1).toUpperCase(Locale.ROOT));
        int markerEnd = first.getStartOffset() + marker.end();
        // The marker's inline nodes (text, maybe a link reference) and its line break end before markerEnd.
        Node child = first.getFirstChild();
        while (child != null && child.getStartOffset() < markerEnd) {
            Node next = child.getNext();
            child.unlink();
            child = next;
        }
        if (first.getFirstChild() == null) {
            first.unlink();
        }
        Callout callout = new Callout(quote.getChars(), kind);
        callout.takeChildren(quote);
        quote.insertBefore(callout);
        quote.unlink();
        state.nodeRemoved(quote);
        state.nodeAddedWithChildren(callout);
    }

    /** Runs the processor on every block quote of a parsed document. */
    public static final class Factory extends NodePostProcessorFactory {
        public Factory() {
            super(false);
            addNodes(BlockQuote.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
            return new CalloutPostProcessor();
        }
    }
}
