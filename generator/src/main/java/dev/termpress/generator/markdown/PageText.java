package dev.termpress.generator.markdown;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import java.util.Set;

/** A page's readable text for the search index: every block's plain text except demo blocks'. */
public final class PageText {

    private PageText() {}

    /**
     * The plain text of {@code root}'s blocks, one per line, leaving out the level-1 heading (the page
     * title is indexed on its own) and the fenced blocks in {@code demos} (their commands are, too).
     */
    public static String of(Node root, Set<FencedCodeBlock> demos) {
        StringBuilder text = new StringBuilder();
        append(root, demos, text);
        return text.toString().strip();
    }

    private static void append(Node node, Set<FencedCodeBlock> demos, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof FencedCodeBlock block && demos.contains(block)
                    || child instanceof Heading heading && heading.getLevel() == 1) {
                continue;
            }
            if (child instanceof Block && child.getFirstChild() instanceof Block) {
                append(child, demos, text); // a container (list, quote, callout): its blocks one by one
            } else if (child instanceof Block) {
                String blockText = new TextCollectingVisitor().collectAndGetText(child).strip();
                if (!blockText.isEmpty()) {
                    text.append(blockText).append('\n');
                }
            }
        }
    }
}
