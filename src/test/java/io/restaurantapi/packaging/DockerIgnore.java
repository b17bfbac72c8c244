package io.restaurantapi.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code .dockerignore} rules as the Docker builder applies them: patterns are relative to the
 * context root, {@code *} and {@code ?} stay within one path segment, {@code **} spans any number,
 * a pattern that matches a directory excludes everything below it, and the last matching pattern
 * wins ({@code !} re-includes).
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean include) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore read(Path file) {
        try {
            List<Rule> rules = new ArrayList<>();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean include = line.startsWith("!");
                String pattern = (include ? line.substring(1) : line).strip();
                pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
                rules.add(new Rule(Pattern.compile(toRegex(pattern)), include));
            }
            return new DockerIgnore(List.copyOf(rules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a path (relative to the context root, '/'-separated) is left out of the build context. */
    boolean excludes(String path) {
        String cleaned = path.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrParent(rule.pattern(), cleaned)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }

    private static boolean matchesItselfOrParent(Pattern pattern, String path) {
        String candidate = path;
        while (true) {
            if (pattern.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    regex.append("(?:.*/)?");
                    i++;
                } else {
                    regex.append(".*");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
