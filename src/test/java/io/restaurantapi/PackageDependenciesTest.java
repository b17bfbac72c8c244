package io.restaurantapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on one another one way only. Read from the sources, not the classes: the compiler
 * inlines the constants one package takes from another, so the class files do not show every dependency.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/restaurantapi");

    /** An import of, or a qualified reference to, a type of another package of the application. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.restaurantapi\\.([a-z]\\w*)\\.[A-Z*]");

    @Test
    void noPackageDependsOnAnotherThatDependsBackOnIt() throws IOException {
        assertThat(cycles(dependencies())).isEmpty();
    }

    @Test
    void webDependsOnNoFeature() throws IOException {
        assertThat(dependencies().getOrDefault("web", Set.of())).isEmpty();
    }

    /** Each package, by its name under {@code io.restaurantapi}, and the other packages its sources refer to. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path directory = SOURCES.relativize(file.getParent());
                String from = directory.toString().isEmpty() ? "(root)" : directory.toString();
                Set<String> targets = dependencies.computeIfAbsent(from, name -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return dependencies;
    }

    /** Every path that leads from a package back to itself, as "a -> b -> a". */
    private static List<String> cycles(Map<String, Set<String>> dependencies) {
        List<String> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), dependencies, cycles);
        }
        return cycles;
    }

    private static void walk(
            String start,
            String current,
            List<String> path,
            Map<String, Set<String>> dependencies,
            List<String> cycles) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next)) {
                path.add(next);
                walk(start, next, path, dependencies, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
