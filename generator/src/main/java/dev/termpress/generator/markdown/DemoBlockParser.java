package dev.termpress.generator.markdown;

import dev.termpress.emulator.guest.InitConf;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.markdown.DemoAttributes.Attribute;
import dev.termpress.generator.markdown.DemoBlock.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns the info string and body of a fenced {@code container} block into a {@link DemoBlock}. */
public final class DemoBlockParser {

    /** The info string's first word that marks a demo block. */
    public static final String KEYWORD = "container";
    /** The attributes a demo block accepts, in the order the docs list them. */
    public static final List<String> ATTRIBUTES = List.of("image", "workdir", "user", "hostname", "env", "title", "autorun", "files", "persist", "network");

    private static final String PROMPT = "$ ";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DemoBlockParser() {}

    /** Whether a fenced block's info string marks a demo block. */
    public static boolean isDemo(String info) {
        String trimmed = info.strip();
        return trimmed.equals(KEYWORD) || trimmed.startsWith(KEYWORD + " ") || trimmed.startsWith(KEYWORD + "\t");
    }

    /**
     * Parses one block.
     *
     * @param info the full info string, starting with {@code container}
     * @param body the block's content lines
     * @param file the Markdown file, for errors
     * @param fenceLine the 1-based line of the opening fence
     */
    public static DemoBlock parse(String info, String body, Path file, int fenceLine) throws BuildException {
        ErrorCollector errors = new ErrorCollector();
        List<Attribute> attributes;
        try {
            attributes = DemoAttributes.parse(info.strip().substring(KEYWORD.length()));
        } catch (DemoAttributes.SyntaxException e) {
            errors.add(file, fenceLine, "malformed container attributes: " + e.getMessage());
            errors.throwIfAny();
            return null;
        }
        String image = null;
        String workdir = null;
        String user = null;
        String hostname = null;
        String title = null;
        String filesDir = null;
        boolean autorun = true; // Run types the block's commands unless it says autorun=false
        Boolean persist = null; // unset: termpress.yaml's persist: decides
        Boolean network = null; // unset: the image's network: in termpress.yaml decides
        Map<String, String> env = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (Attribute a : attributes) {
            if (!ATTRIBUTES.contains(a.key())) {
                errors.add(file, fenceLine, "unknown attribute '" + a.key() + "' on container block (valid: "
                        + String.join(", ", ATTRIBUTES) + ")");
                continue;
            }
            if (!a.key().equals("env") && seen.contains(a.key())) {
                errors.add(file, fenceLine, "attribute '" + a.key() + "' is given twice (only env may repeat)");
                continue;
            }
            seen.add(a.key());
            if (a.key().equals("autorun")) {
                if (a.value() == null || a.value().equals("true")) {
                    autorun = true;
                } else if (a.value().equals("false")) {
                    autorun = false;
                } else {
                    errors.add(file, fenceLine, "autorun must be true or false, got '" + a.value() + "'");
                }
                continue;
            }
            if (a.key().equals("persist")) {
                if (a.value() == null || a.value().equals("true")) {
                    persist = true;
                } else if (a.value().equals("false")) {
                    persist = false;
                } else {
                    errors.add(file, fenceLine, "persist must be true or false, got '" + a.value() + "'");
                }
                continue;
            }
            if (a.key().equals("network")) {
                if (a.value() == null || a.value().equals("true")) {
                    network = true;
                } else if (a.value().equals("false")) {
                    network = false;
                } else {
                    errors.add(file, fenceLine, "network must be true or false, got '" + a.value() + "'");
                }
                continue;
            }
            if (a.value() == null || a.value().isEmpty()) {
                errors.add(file, fenceLine, "attribute '" + a.key() + "' needs a value (" + a.key() + "=...)");
                continue;
            }
            switch (a.key()) {
                case "image" -> image = a.value();
                case "user" -> user = a.value();
                case "hostname" -> {
                    String problem = InitConf.hostnameProblem(a.value());
                    if (problem != null) {
                        errors.add(file, fenceLine, "hostname: " + problem);
                    }
                    hostname = a.value();
                }
                case "title" -> title = a.value();
                case "workdir" -> {
                    if (!a.value().startsWith("/")) {
                        errors.add(file, fenceLine, "workdir must be an absolute path, got '" + a.value() + "'");
                    }
                    workdir = a.value();
                }
                case "env" -> addEnv(a.value(), env, file, fenceLine, errors);
                case "files" -> filesDir = a.value();
                default -> throw new IllegalStateException(a.key());
            }
        }
        if (image == null && !seen.contains("image")) {
            errors.add(file, fenceLine, "container block needs image=NAME (an image declared in termpress.yaml)");
        }
        if (filesDir != null && workdir == null) {
            errors.add(file, fenceLine, "files=" + filesDir + " needs workdir=/PATH: the folder's files go there");
        }
        List<Step> steps = steps(body, file, fenceLine, errors);
        errors.throwIfAny();
        return new DemoBlock(file, fenceLine, image, workdir, user, hostname, env, title, autorun, steps, filesDir,
                List.of(), persist, network);
    }

    private static void addEnv(String value, Map<String, String> env, Path file, int line, ErrorCollector errors) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        if (eq < 0 || !ENV_NAME.matcher(name).matches()) {
            errors.add(file, line, "env must be NAME=VALUE with NAME made of letters, digits and _, got '" + value + "'");
            return;
        }
        env.put(name, value.substring(eq + 1));
    }

    private static List<Step> steps(String body, Path file, int fenceLine, ErrorCollector errors) {
        List<Step> steps = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        StringBuilder command = null;
        StringBuilder output = new StringBuilder();
        int commandLine = 0;
        boolean continuing = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = fenceLine + 1 + i;
            if (continuing) {
                command.append('\n').append(line);
                continuing = line.endsWith("\\");
            } else if (line.startsWith(PROMPT) || line.equals("$")) {
                if (command != null) {
                    steps.add(new Step(command.toString(), trimTrailingBlankLines(output), commandLine));
                }
                String text = line.length() > 2 ? line.substring(2) : "";
                if (text.isBlank()) {
                    errors.add(file, lineNumber, "empty command after '$' (write '$ COMMAND')");
                }
                command = new StringBuilder(text);
                output.setLength(0);
                commandLine = lineNumber;
                continuing = text.endsWith("\\");
            } else if (command == null) {
                if (!line.isBlank()) {
                    errors.add(file, lineNumber, "output before any command (commands start with '$ ')");
                }
            } else {
                output.append(line).append('\n');
            }
        }
        if (command != null) {
            steps.add(new Step(command.toString(), trimTrailingBlankLines(output), commandLine));
        }
        return steps;
    }

    private static String trimTrailingBlankLines(StringBuilder output) {
        String text = output.toString();
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end);
    }
}
