package dev.termpress.generator.markdown;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Locale;

/** A GitHub-style alert: a block quote that starts with {@code [!NOTE]} (or TIP, IMPORTANT, WARNING, CAUTION). */
public final class Callout extends Block {

    /** The five kinds GitHub renders, in its order. */
    public enum Kind {
        NOTE("Note"), TIP("Tip"), IMPORTANT("Important"), WARNING("Warning"), CAUTION("Caution");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        /** The heading shown above the callout's text. */
        public String title() {
            return title;
        }

        /** The lower-case name used in class names ({@code tp-callout-note}). */
        public String cssName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public Callout(BasedSequence chars, Kind kind) {
        super(chars);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
