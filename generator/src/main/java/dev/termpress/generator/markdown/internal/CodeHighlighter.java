package dev.termpress.generator.markdown.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.swing.text.Segment;
import org.fife.ui.rsyntaxtextarea.SyntaxConstants;
import org.fife.ui.rsyntaxtextarea.Token;
import org.fife.ui.rsyntaxtextarea.TokenMaker;
import org.fife.ui.rsyntaxtextarea.TokenMakerFactory;
import org.fife.ui.rsyntaxtextarea.TokenTypes;

/**
 * Turns source code into HTML with {@code hl-*} spans, at build time, with RSyntaxTextArea's lexers
 * (they are plain JFlex scanners over a {@link Segment}, usable without any UI).
 *
 * <p>A lexer is stateful, so each call makes its own: safe for pages rendered in parallel.
 */
public final class CodeHighlighter {

    /** Fence language names (lower case) and common aliases to RSyntaxTextArea's styles. */
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("java", SyntaxConstants.SYNTAX_STYLE_JAVA),
            Map.entry("kotlin", SyntaxConstants.SYNTAX_STYLE_KOTLIN),
            Map.entry("kt", SyntaxConstants.SYNTAX_STYLE_KOTLIN),
            Map.entry("scala", SyntaxConstants.SYNTAX_STYLE_SCALA),
            Map.entry("groovy", SyntaxConstants.SYNTAX_STYLE_GROOVY),
            Map.entry("c", SyntaxConstants.SYNTAX_STYLE_C),
            Map.entry("h", SyntaxConstants.SYNTAX_STYLE_C),
            Map.entry("cpp", SyntaxConstants.SYNTAX_STYLE_CPLUSPLUS),
            Map.entry("c++", SyntaxConstants.SYNTAX_STYLE_CPLUSPLUS),
            Map.entry("cxx", SyntaxConstants.SYNTAX_STYLE_CPLUSPLUS),
            Map.entry("csharp", SyntaxConstants.SYNTAX_STYLE_CSHARP),
            Map.entry("cs", SyntaxConstants.SYNTAX_STYLE_CSHARP),
            Map.entry("go", SyntaxConstants.SYNTAX_STYLE_GO),
            Map.entry("golang", SyntaxConstants.SYNTAX_STYLE_GO),
            Map.entry("rust", SyntaxConstants.SYNTAX_STYLE_RUST),
            Map.entry("rs", SyntaxConstants.SYNTAX_STYLE_RUST),
            Map.entry("d", SyntaxConstants.SYNTAX_STYLE_D),
            Map.entry("dart", SyntaxConstants.SYNTAX_STYLE_DART),
            Map.entry("python", SyntaxConstants.SYNTAX_STYLE_PYTHON),
            Map.entry("py", SyntaxConstants.SYNTAX_STYLE_PYTHON),
            Map.entry("ruby", SyntaxConstants.SYNTAX_STYLE_RUBY),
            Map.entry("rb", SyntaxConstants.SYNTAX_STYLE_RUBY),
            Map.entry("perl", SyntaxConstants.SYNTAX_STYLE_PERL),
            Map.entry("pl", SyntaxConstants.SYNTAX_STYLE_PERL),
            Map.entry("php", SyntaxConstants.SYNTAX_STYLE_PHP),
            Map.entry("lua", SyntaxConstants.SYNTAX_STYLE_LUA),
            Map.entry("tcl", SyntaxConstants.SYNTAX_STYLE_TCL),
            Map.entry("lisp", SyntaxConstants.SYNTAX_STYLE_LISP),
            Map.entry("clojure", SyntaxConstants.SYNTAX_STYLE_CLOJURE),
            Map.entry("clj", SyntaxConstants.SYNTAX_STYLE_CLOJURE),
            Map.entry("javascript", SyntaxConstants.SYNTAX_STYLE_JAVASCRIPT),
            Map.entry("js", SyntaxConstants.SYNTAX_STYLE_JAVASCRIPT),
            Map.entry("mjs", SyntaxConstants.SYNTAX_STYLE_JAVASCRIPT),
            Map.entry("typescript", SyntaxConstants.SYNTAX_STYLE_TYPESCRIPT),
            Map.entry("ts", SyntaxConstants.SYNTAX_STYLE_TYPESCRIPT),
            Map.entry("json", SyntaxConstants.SYNTAX_STYLE_JSON),
            Map.entry("jsonc", SyntaxConstants.SYNTAX_STYLE_JSON_WITH_COMMENTS),
            Map.entry("yaml", SyntaxConstants.SYNTAX_STYLE_YAML),
            Map.entry("yml", SyntaxConstants.SYNTAX_STYLE_YAML),
            Map.entry("ini", SyntaxConstants.SYNTAX_STYLE_INI),
            Map.entry("toml", SyntaxConstants.SYNTAX_STYLE_INI),
            Map.entry("properties", SyntaxConstants.SYNTAX_STYLE_PROPERTIES_FILE),
            Map.entry("html", SyntaxConstants.SYNTAX_STYLE_HTML),
            Map.entry("xml", SyntaxConstants.SYNTAX_STYLE_XML),
            Map.entry("svg", SyntaxConstants.SYNTAX_STYLE_XML),
            Map.entry("css", SyntaxConstants.SYNTAX_STYLE_CSS),
            Map.entry("less", SyntaxConstants.SYNTAX_STYLE_LESS),
            Map.entry("markdown", SyntaxConstants.SYNTAX_STYLE_MARKDOWN),
            Map.entry("md", SyntaxConstants.SYNTAX_STYLE_MARKDOWN),
            Map.entry("sql", SyntaxConstants.SYNTAX_STYLE_SQL),
            Map.entry("sh", SyntaxConstants.SYNTAX_STYLE_UNIX_SHELL),
            Map.entry("shell", SyntaxConstants.SYNTAX_STYLE_UNIX_SHELL),
            Map.entry("bash", SyntaxConstants.SYNTAX_STYLE_UNIX_SHELL),
            Map.entry("zsh", SyntaxConstants.SYNTAX_STYLE_UNIX_SHELL),
            Map.entry("bat", SyntaxConstants.SYNTAX_STYLE_WINDOWS_BATCH),
            Map.entry("batch", SyntaxConstants.SYNTAX_STYLE_WINDOWS_BATCH),
            Map.entry("dockerfile", SyntaxConstants.SYNTAX_STYLE_DOCKERFILE),
            Map.entry("docker", SyntaxConstants.SYNTAX_STYLE_DOCKERFILE),
            Map.entry("makefile", SyntaxConstants.SYNTAX_STYLE_MAKEFILE),
            Map.entry("make", SyntaxConstants.SYNTAX_STYLE_MAKEFILE),
            Map.entry("proto", SyntaxConstants.SYNTAX_STYLE_PROTO),
            Map.entry("protobuf", SyntaxConstants.SYNTAX_STYLE_PROTO),
            Map.entry("asm", SyntaxConstants.SYNTAX_STYLE_ASSEMBLER_X86),
            Map.entry("nasm", SyntaxConstants.SYNTAX_STYLE_ASSEMBLER_X86),
            Map.entry("fortran", SyntaxConstants.SYNTAX_STYLE_FORTRAN),
            Map.entry("vb", SyntaxConstants.SYNTAX_STYLE_VISUAL_BASIC),
            Map.entry("latex", SyntaxConstants.SYNTAX_STYLE_LATEX),
            Map.entry("tex", SyntaxConstants.SYNTAX_STYLE_LATEX));

    private CodeHighlighter() {}

    /** Every fence language name and alias highlighted (the manual lists each: ManualOptionsTest). */
    public static Set<String> languages() {
        return LANGUAGES.keySet();
    }

    /** Whether {@code language} (a fence's first word) is one we highlight. */
    public static boolean supports(String language) {
        return LANGUAGES.containsKey(language.toLowerCase(Locale.ROOT));
    }

    /**
     * The HTML-escaped {@code code} with its tokens wrapped in {@code <span class="hl-…">}; text a lexer
     * does not classify (identifiers, spaces, punctuation) stays bare.
     *
     * @throws IllegalArgumentException for a language {@link #supports} rejects
     */
    public static String highlight(String language, String code) {
        String style = LANGUAGES.get(language.toLowerCase(Locale.ROOT));
        if (style == null) {
            throw new IllegalArgumentException("no highlighter for " + language);
        }
        TokenMaker lexer = TokenMakerFactory.getDefaultInstance().getTokenMaker(style);
        StringBuilder html = new StringBuilder(code.length() * 2);
        int state = TokenTypes.NULL;
        int lineStart = 0;
        while (lineStart <= code.length()) {
            int newline = code.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? code.length() : newline;
            char[] chars = code.substring(lineStart, lineEnd).toCharArray();
            Segment line = new Segment(chars, 0, chars.length);
            for (Token token = lexer.getTokenList(line, state, 0); token != null && token.isPaintable();
                    token = token.getNextToken()) {
                appendToken(html, token);
            }
            // The state a line ends in (inside a block comment, a string...) is where the next one starts.
            state = lexer.getLastTokenTypeOnLine(new Segment(chars, 0, chars.length), state);
            if (newline < 0) {
                break;
            }
            html.append('\n');
            lineStart = newline + 1;
        }
        return html.toString();
    }

    private static void appendToken(StringBuilder html, Token token) {
        String cssClass = cssClass(token.getType());
        if (cssClass != null) {
            html.append("<span class=\"").append(cssClass).append("\">");
        }
        escape(html, token.getTextArray(), token.getTextOffset(), token.length());
        if (cssClass != null) {
            html.append("</span>");
        }
    }

    /** The theme's class for a token type, or {@code null} for text that stays unstyled. */
    static String cssClass(int type) {
        return switch (type) {
            case TokenTypes.COMMENT_EOL, TokenTypes.COMMENT_MULTILINE, TokenTypes.COMMENT_DOCUMENTATION,
                    TokenTypes.COMMENT_KEYWORD, TokenTypes.COMMENT_MARKUP, TokenTypes.MARKUP_COMMENT -> "hl-comment";
            case TokenTypes.RESERVED_WORD -> "hl-keyword";
            case TokenTypes.RESERVED_WORD_2 -> "hl-builtin";
            case TokenTypes.FUNCTION -> "hl-function";
            case TokenTypes.LITERAL_BOOLEAN -> "hl-constant";
            case TokenTypes.LITERAL_NUMBER_DECIMAL_INT, TokenTypes.LITERAL_NUMBER_FLOAT,
                    TokenTypes.LITERAL_NUMBER_HEXADECIMAL -> "hl-number";
            case TokenTypes.LITERAL_STRING_DOUBLE_QUOTE, TokenTypes.LITERAL_CHAR, TokenTypes.LITERAL_BACKQUOTE,
                    TokenTypes.MARKUP_TAG_ATTRIBUTE_VALUE, TokenTypes.MARKUP_CDATA -> "hl-string";
            case TokenTypes.DATA_TYPE -> "hl-type";
            case TokenTypes.VARIABLE -> "hl-variable";
            case TokenTypes.REGEX -> "hl-regex";
            case TokenTypes.ANNOTATION, TokenTypes.PREPROCESSOR, TokenTypes.MARKUP_PROCESSING_INSTRUCTION,
                    TokenTypes.MARKUP_DTD -> "hl-meta";
            case TokenTypes.OPERATOR -> "hl-operator";
            case TokenTypes.MARKUP_TAG_NAME -> "hl-tag";
            case TokenTypes.MARKUP_TAG_ATTRIBUTE -> "hl-attr";
            case TokenTypes.MARKUP_ENTITY_REFERENCE -> "hl-constant";
            case TokenTypes.ERROR_IDENTIFIER, TokenTypes.ERROR_NUMBER_FORMAT, TokenTypes.ERROR_STRING_DOUBLE,
                    TokenTypes.ERROR_CHAR -> "hl-error";
            default -> null;
        };
    }

    private static void escape(StringBuilder html, char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                default -> html.append(c);
            }
        }
    }
}
