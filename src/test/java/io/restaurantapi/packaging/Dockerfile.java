package io.restaurantapi.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Just enough of a Dockerfile parser for the packaging tests: instructions with their continuation
 * lines joined, leading {@code --flags}, exec-form (JSON array) arguments, comments and build stages.
 * Heredocs and escape-directive changes are not supported (the repository's Dockerfiles use neither).
 */
record Dockerfile(Path path, List<String> comments, Map<String, String> globalArgs, List<Stage> stages) {

    private static final Pattern FLAG = Pattern.compile("^--([a-z-]+)(?:=(\\S*))?\\s*");

    static Dockerfile parse(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> comments = new ArrayList<>();
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = null;
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            if (pending == null) {
                if (line.isEmpty()) {
                    continue;
                }
                pending = new StringBuilder();
                startLine = i + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line)
                    .append(' ');
            if (!continues) {
                Instruction instruction = Instruction.of(pending.toString().strip(), startLine);
                pending = null;
                if (instruction.keyword().equals("FROM")) {
                    stages.add(new Stage(instruction, new ArrayList<>()));
                } else if (stages.isEmpty() && instruction.keyword().equals("ARG")) {
                    String[] nameValue = instruction.arguments().split("=", 2);
                    globalArgs.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
                } else if (!stages.isEmpty()) {
                    stages.get(stages.size() - 1).instructions().add(instruction);
                } else {
                    throw new IllegalStateException(
                            path + ":" + startLine + ": " + instruction.keyword() + " before FROM");
                }
            }
        }
        return new Dockerfile(path, List.copyOf(comments), Map.copyOf(globalArgs), List.copyOf(stages));
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    List<Instruction> all(String keyword) {
        return stages.stream().flatMap(s -> s.all(keyword).stream()).toList();
    }

    /** {@code FROM [--platform=...] image [AS name]}, then the stage's instructions. */
    record Stage(Instruction from, List<Instruction> instructions) {

        String image() {
            return from.operands().get(0);
        }

        String name() {
            List<String> operands = from.operands();
            return operands.size() == 3 && operands.get(1).equalsIgnoreCase("AS") ? operands.get(2) : null;
        }

        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> matching = all(keyword);
            return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
        }

        /** The value the stage's last {@code ENV name=value} sets, without the quotes around it. */
        Optional<String> env(String name) {
            return all("ENV").stream()
                    .map(Instruction::arguments)
                    .filter(env -> env.startsWith(name + "="))
                    .reduce((first, second) -> second)
                    .map(env -> env.substring(name.length() + 1).replaceAll("^\"(.*)\"$", "$1"));
        }

        /** The index of the stage's last {@code COPY --from=build}, or -1. */
        int lastCopyFromBuild() {
            for (int i = instructions.size() - 1; i >= 0; i--) {
                if ("build".equals(instructions.get(i).flags().get("from"))) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One instruction: upper-case keyword, leading {@code --name[=value]} flags, and the rest. */
    record Instruction(String keyword, Map<String, String> flags, String arguments, int line) {

        static Instruction of(String text, int line) {
            String[] parts = text.split("\\s+", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            Map<String, String> flags = new LinkedHashMap<>();
            Matcher m = FLAG.matcher(rest);
            while (m.find()) {
                flags.put(m.group(1), m.group(2) == null ? "" : m.group(2));
                rest = rest.substring(m.end());
                m = FLAG.matcher(rest);
            }
            return new Instruction(parts[0].toUpperCase(), Map.copyOf(flags), rest.strip(), line);
        }

        /** Whitespace-separated arguments (shell form, or the operands of COPY/ADD/FROM). */
        List<String> operands() {
            return List.of(arguments.split("\\s+"));
        }

        boolean isExecForm() {
            return execForm().isPresent();
        }

        /** The JSON array of an exec-form CMD/ENTRYPOINT/RUN (JSON is YAML flow syntax). */
        Optional<List<String>> execForm() {
            if (!arguments.startsWith("[")) {
                return Optional.empty();
            }
            try {
                Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(arguments);
                if (parsed instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                    return Optional.of(list.stream().map(String.class::cast).toList());
                }
            } catch (RuntimeException notJson) {
                // shell form that happens to start with '['
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + flags + " " + arguments;
        }
    }
}
