package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Each chart's values: documented in values.yaml, described by values.schema.json, bad values refused. */
class ValuesTest {

    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z][\\w.-]*):(.*)$");

    @TempDir
    Path temp;

    private static Path chart(String name) {
        return Charts.ROOT.resolve("charts").resolve(name);
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void schemaIsDraft07AndClosedAtTheTopLevel(String chart) throws IOException {
        JsonObject schema =
                new Gson().fromJson(Files.readString(chart(chart).resolve("values.schema.json")), JsonObject.class);

        assertThat(schema.get("$schema").getAsString()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.get("additionalProperties").getAsBoolean()).isFalse();
        assertThat(schema.getAsJsonObject("properties").entrySet())
                .allSatisfy(p -> assertThat(p.getValue().getAsJsonObject().keySet())
                        .as(p.getKey())
                        .containsAnyOf("type", "oneOf"));
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void schemaDescribesExactlyTheTopLevelValues(String chart) throws IOException {
        Map<String, Object> values =
                new Yaml().load(Files.readString(chart(chart).resolve("values.yaml")));
        JsonObject schema =
                new Gson().fromJson(Files.readString(chart(chart).resolve("values.schema.json")), JsonObject.class);

        assertThat(schema.getAsJsonObject("properties").keySet()).containsExactlyInAnyOrderElementsOf(values.keySet());
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void schemaRefusesAnUnknownTopLevelKey(String chart) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), "replicas: 3\n");

        assertThatThrownBy(() -> Charts.render(chart(chart), chart, Map.of(), values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("replicas");
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void schemaRefusesAValueOfTheWrongType(String chart) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), "image:\n  repository: 42\n");

        assertThatThrownBy(() -> Charts.render(chart(chart), chart, Map.of(), values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("repository");
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void schemaRefusesAnUnknownPullPolicy(String chart) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), "image:\n  pullPolicy: Sometimes\n");

        assertThatThrownBy(() -> Charts.render(chart(chart), chart, Map.of(), values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("pullPolicy");
    }

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void everyValueIsDocumentedWithAHelmDocsComment(String chart) throws IOException {
        assertThat(undocumentedKeys(Files.readAllLines(chart(chart).resolve("values.yaml"))))
                .isEmpty();
    }

    /**
     * Keys neither documented by a comment block right above them that starts with {@code # --}, nor inside a documented key's value, nor
     * mere groups of further keys.
     */
    static List<String> undocumentedKeys(List<String> lines) {
        List<String> undocumented = new ArrayList<>();
        int coveredBelow = Integer.MAX_VALUE;
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                previous = "";
                continue;
            }
            if (line.trim().startsWith("#")) {
                // a comment block documents the key below it when it starts with "# --" (helm-docs)
                if (previous.isEmpty() || line.trim().startsWith("# --")) {
                    previous = line.trim();
                }
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent <= coveredBelow) {
                coveredBelow = Integer.MAX_VALUE;
            }
            Matcher key = KEY.matcher(line);
            if (key.matches() && coveredBelow == Integer.MAX_VALUE) {
                if (previous.startsWith("# --")) {
                    coveredBelow = indent;
                } else if (!(key.group(3).isBlank() && nextKeyIsDeeper(lines, i, indent))) {
                    undocumented.add(key.group(2) + " (line " + (i + 1) + ")");
                }
            }
            previous = "";
        }
        return undocumented;
    }

    private static boolean nextKeyIsDeeper(List<String> lines, int index, int indent) {
        for (int i = index + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            return KEY.matcher(line).matches()
                    && line.length() - line.stripLeading().length() > indent;
        }
        return false;
    }

    private static final Pattern README_ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) \\| `(.*)` \\| (.*) \\|$");

    /** The README's values table has one row per documented value, with its type, its default and its description. */
    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void readmeValuesTableMatchesTheDocumentedValues(String chart) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(chart(chart).resolve("README.md"))) {
            Matcher row = README_ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(1), row.group(2) + " | " + row.group(3) + " | " + row.group(4));
            }
        }

        Map<String, String> documented =
                documentedValues(Files.readAllLines(chart(chart).resolve("values.yaml")));
        List<String> mismatches = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(java.util.Set.copyOf(
                java.util.stream.Stream.concat(rows.keySet().stream(), documented.keySet().stream())
                        .toList()))) {
            if (!java.util.Objects.equals(rows.get(key), documented.get(key))) {
                mismatches.add(
                        key + ": README.md has <" + rows.get(key) + ">, values.yaml <" + documented.get(key) + ">");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Each documented key (a {@code # --} comment block right above it) as helm-docs tabulates it: type, JSON default, description. */
    static Map<String, String> documentedValues(List<String> lines) {
        Map<String, Object> values = new Yaml().load(String.join("\n", lines));
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        int coveredBelow = Integer.MAX_VALUE;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                comment.clear();
                continue;
            }
            if (trimmed.startsWith("#")) {
                if (trimmed.startsWith("# --")) {
                    comment.clear();
                    comment.add(trimmed.substring("# --".length()).trim());
                } else if (!comment.isEmpty()) {
                    comment.add(trimmed.substring(1).trim());
                }
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent <= coveredBelow) {
                coveredBelow = Integer.MAX_VALUE;
            }
            Matcher key = KEY.matcher(line);
            if (key.matches() && coveredBelow == Integer.MAX_VALUE) {
                while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                    indents.remove(indents.size() - 1);
                    path.remove(path.size() - 1);
                }
                indents.add(indent);
                path.add(key.group(2));
                if (!comment.isEmpty()) {
                    Object value = Manifests.at(values, String.join(".", path));
                    documented.put(
                            String.join(".", path),
                            type(value) + " | " + json(value) + " | " + String.join(" ", comment));
                    coveredBelow = indent;
                }
            }
            comment.clear();
        }
        return documented;
    }

    private static String type(Object value) {
        if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Integer || value instanceof Long) {
            return "int";
        } else if (value instanceof Number) {
            return "float";
        } else if (value instanceof List<?>) {
            return "list";
        } else if (value instanceof Map<?, ?>) {
            return "object";
        }
        return "string";
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> json(String.valueOf(e.getKey())) + ": " + json(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        } else if (value instanceof List<?> list) {
            return list.stream().map(ValuesTest::json).collect(Collectors.joining(", ", "[", "]"));
        } else if (value instanceof String string) {
            return new GsonBuilder().disableHtmlEscaping().create().toJson(string);
        }
        return String.valueOf(value);
    }

    @org.junit.jupiter.api.Test
    void theReadmeCheckTabulatesNestedDocumentedValuesAndTheirDefaults() {
        assertThat(documentedValues(List.of(
                        "# -- a number",
                        "a: 1",
                        "group:",
                        "  # -- a list",
                        "  # on two lines",
                        "  b: [x, \"y=1\"]",
                        "  # -- a map, with nothing tabulated inside",
                        "  c:",
                        "    # -- not a row",
                        "    d: true")))
                .containsExactly(
                        Map.entry("a", "int | 1 | a number"),
                        Map.entry("group.b", "list | [\"x\", \"y=1\"] | a list on two lines"),
                        Map.entry("group.c", "object | {\"d\": true} | a map, with nothing tabulated inside"));
    }

    @org.junit.jupiter.api.Test
    void theDocumentationCheckFindsAnUndocumentedValue() {
        assertThat(undocumentedKeys(List.of(
                        "# -- documented",
                        "# on two lines",
                        "a: 1",
                        "group:",
                        "  # -- documented",
                        "  b: 2",
                        "  # a plain comment",
                        "  c: 3",
                        "",
                        "# -- separated by a blank line",
                        "",
                        "d: 4")))
                .containsExactly("c (line 8)", "d (line 12)");
    }
}
