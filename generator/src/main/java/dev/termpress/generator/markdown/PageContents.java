package dev.termpress.generator.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import java.util.ArrayList;
import java.util.List;

/** A page's contents ("On this page"): its level-2 and level-3 headings, in order. */
public final class PageContents {

    /**
     * One heading.
     *
     * @param level 2 or 3
     * @param id the heading's id (flexmark's {@code HeaderIdGenerator}, as rendered)
     * @param text the heading as plain text
     */
    public record Entry(int level, String id, String text) {}

    private PageContents() {}

    /** The h2/h3 headings of a document whose header ids were generated; headings without an id are left out. */
    public static List<Entry> of(Document document) {
        List<Entry> entries = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading heading && (heading.getLevel() == 2 || heading.getLevel() == 3)) {
                String id = heading.getAnchorRefId();
                String text = new TextCollectingVisitor().collectAndGetText(heading).strip();
                if (id != null && !id.isEmpty() && !text.isEmpty()) {
                    entries.add(new Entry(heading.getLevel(), id, text));
                }
            }
        }
        return entries;
    }
}
