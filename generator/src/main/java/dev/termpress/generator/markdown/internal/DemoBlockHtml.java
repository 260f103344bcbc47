package dev.termpress.generator.markdown.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.DemoBlock.Step;
import dev.termpress.generator.markdown.PageFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML of one demo block: a readable transcript that works without JavaScript, wrapped in an
 * element whose {@code data-*} attributes carry what the browser runtime needs (docs/architecture.md).
 */
public final class DemoBlockHtml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoBlockHtml() {}

    /**
     * Renders a demo block.
     *
     * @param demo the block
     * @param id the element id, unique within the page
     * @param descriptorUrl the image descriptor's URL relative to the page
     */
    public static String render(DemoBlock demo, String id, String descriptorUrl) {
        return render(demo, id, descriptorUrl, null);
    }

    /** What a block's image may fetch before Run unless termpress.yaml says otherwise (config.PrewarmBudget). */
    public static final long DEFAULT_PREWARM_BYTES = 4L << 20;

    /** The same for an image whose writable layer holds at most {@code upperLimit} bytes ({@code null}: the default). */
    public static String render(DemoBlock demo, String id, String descriptorUrl, Long upperLimit) {
        return render(demo, id, descriptorUrl, upperLimit, DEFAULT_PREWARM_BYTES);
    }

    /**
     * The same with the image's prewarm budget: {@code data-prewarm} is the bytes the page may fetch when the
     * block scrolls into view, before Run (0: nothing).
     */
    public static String render(DemoBlock demo, String id, String descriptorUrl, Long upperLimit, long prewarmBytes) {
        StringBuilder html = new StringBuilder(512);
        html.append("<figure class=\"tp-demo\" id=\"").append(attr(id)).append('"');
        data(html, "image", descriptorUrl);
        data(html, "image-name", demo.image());
        if (demo.workdir() != null) {
            data(html, "workdir", demo.workdir());
        }
        if (demo.user() != null) {
            data(html, "user", demo.user());
        }
        if (demo.hostname() != null) {
            data(html, "hostname", demo.hostname());
        }
        if (upperLimit != null) {
            data(html, "upper-limit", String.valueOf(upperLimit));
        }
        data(html, "prewarm", String.valueOf(prewarmBytes));
        if (!demo.files().isEmpty()) {
            data(html, "files", json(files(demo)));
        }
        data(html, "env", json(demo.env()));
        data(html, "autorun", String.valueOf(demo.autorun()));
        if (demo.persists()) {
            data(html, "persist", "true"); // the page keeps the reader's files in IndexedDB (docs/architecture.md)
        }
        if (demo.usesNetwork()) {
            data(html, "network", "true"); // the guest reaches the outside network (the runtime may say so)
        }
        data(html, "commands", json(demo.commands()));
        html.append(">\n");
        if (demo.title() != null) {
            html.append("<figcaption class=\"tp-demo-title\">").append(text(demo.title())).append("</figcaption>\n");
        }
        html.append("<div class=\"tp-terminal\">\n");
        if (demo.steps().isEmpty()) {
            html.append("<p class=\"tp-empty\">An interactive shell in <code>")
                    .append(text(demo.image())).append("</code>.</p>\n");
        } else {
            html.append("<ol class=\"tp-transcript\">\n");
            for (Step step : demo.steps()) {
                step(html, step);
            }
            html.append("</ol>\n");
        }
        html.append("</div>\n");
        html.append("<div class=\"tp-controls\"><button type=\"button\" class=\"tp-run\">Run</button>")
                .append("<span class=\"tp-status\" role=\"status\" aria-live=\"polite\"></span></div>\n");
        html.append("</figure>");
        return html.toString();
    }

    /** What the runtime needs of each file: the worker fetches blob {@code sha256} beside the image's blobs. */
    private static List<Map<String, Object>> files(DemoBlock demo) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PageFile file : demo.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("sha256", file.sha256());
            entry.put("size", file.content().length);
            entry.put("mode", file.permissions());
            list.add(entry);
        }
        return list;
    }

    private static void step(StringBuilder html, Step step) {
        html.append("<li class=\"tp-step\"><div class=\"tp-command\">")
                .append("<span class=\"tp-prompt\" aria-hidden=\"true\">$</span> ")
                .append("<code class=\"tp-cmd\">").append(text(step.command())).append("</code>")
                .append("<button type=\"button\" class=\"tp-run-command\" aria-label=\"Run this command\">Run</button>")
                .append("<button type=\"button\" class=\"tp-copy\" data-copy=\"").append(attr(step.command()))
                .append("\" aria-label=\"Copy command\">Copy</button></div>");
        if (!step.output().isEmpty()) {
            html.append("<pre class=\"tp-output\"><samp>").append(text(step.output())).append("</samp></pre>");
        }
        html.append("</li>\n");
    }

    private static void data(StringBuilder html, String name, String value) {
        html.append(" data-").append(name).append("=\"").append(attr(value)).append('"');
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and maps of strings always serialize", e);
        }
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("'", "&#39;");
    }
}
