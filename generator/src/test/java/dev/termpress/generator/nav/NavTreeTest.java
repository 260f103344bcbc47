package dev.termpress.generator.nav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.content.FrontMatter;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NavTreeTest {

    private static Page page(String path, String title, Integer weight) {
        return new Page(new SourceFile(Path.of(path), path, ""), new FrontMatter(title, null, weight, false),
                null, title, false, Map.of(), List.of(), Set.of("intro", "sort"));
    }

    @Test
    void ordersByWeightThenTitleAndNestsFolders() {
        Page home = page("index.md", "Home", null);
        Page zeta = page("zeta.md", "Zeta", 1);
        Page alpha = page("alpha.md", "Alpha", null);
        Page basics = page("basics/index.md", "Basics", 2);
        Page shell = page("basics/shell.md", "Shell", null);
        Page extra = page("extra/more.md", "More", null);
        NavTree nav = NavTree.of(List.of(alpha, basics, extra, home, shell, zeta));

        assertThat(nav.top()).extracting(NavNode::title).containsExactly("Home", "Zeta", "Basics", "Alpha", "Extra");
        assertThat(nav.top().get(2).children()).extracting(NavNode::title).containsExactly("Shell");
        assertThat(nav.top().get(4).page()).isNull();
        assertThat(nav.readingOrder()).containsExactly(home, zeta, basics, shell, alpha, extra);
        assertThat(nav.previous(home)).isNull();
        assertThat(nav.next(basics)).isSameAs(shell);
        assertThat(nav.next(extra)).isNull();
    }

    @Test
    void titlesFromFileNames() {
        assertThat(NavTree.titleFromPath("getting-started.md")).isEqualTo("Getting started");
        assertThat(NavTree.titleFromPath("text_tools/index.md")).isEqualTo("Text tools");
        assertThat(NavTree.titleFromPath("index.md")).isEqualTo("Home");
    }
}
