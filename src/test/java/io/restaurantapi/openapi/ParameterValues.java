package io.restaurantapi.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Parameter values derived from a parameter's documented schema: its bounds, and values the schema rules out. */
final class ParameterValues {

    private ParameterValues() {}

    /** The documented limits themselves (minimum and maximum, shortest and longest text), which must be accepted. */
    static List<String> withinBounds(JsonNode schema) {
        List<String> values = new ArrayList<>();
        switch (schema.path("type").asString()) {
            case "integer", "number" -> {
                if (schema.has("minimum")) {
                    values.add(schema.get("minimum").asString());
                }
                if (schema.has("maximum")) {
                    values.add(schema.get("maximum").asString());
                }
            }
            case "string" -> {
                if (!schema.has("pattern")) {
                    values.add("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
                    if (schema.has("maxLength")) {
                        values.add("x".repeat(schema.get("maxLength").asInt()));
                    }
                }
            }
            default -> throw new IllegalArgumentException("no bounds for schema " + schema);
        }
        return values;
    }

    /** One number in each of the forms JSON writes numbers in, so each is valid by a {@code type: number} schema. */
    static List<String> numbersInEveryJsonForm() {
        return List.of("4", "4.5", "-0", "0.5", "1e3", "4.5E0", "45e-1", "1E+2", "-1.5e-3");
    }

    /** Values the schema rules out, each for one reason; none empty when {@code inPath} (an empty segment is another path). */
    static List<String> outsideSchema(JsonNode schema, boolean inPath) {
        List<String> values = new ArrayList<>();
        String type = schema.path("type").asString();
        if (type.equals("integer")) {
            values.add("1.5");
        }
        if (type.equals("integer") || type.equals("number")) {
            values.add("ten");
            // JSON has no way to write these, so no JSON Schema number is one.
            values.addAll(List.of("NaN", "Infinity", "0x10"));
            if (schema.has("minimum")) {
                values.add(schema.get("minimum")
                        .decimalValue()
                        .subtract(BigDecimal.ONE)
                        .toPlainString());
            }
            if (schema.has("maximum")) {
                values.add(
                        schema.get("maximum").decimalValue().add(BigDecimal.ONE).toPlainString());
            }
        }
        if (schema.path("minLength").asInt(0) > 0 && !inPath) {
            values.add("");
        }
        if (schema.has("maxLength")) {
            values.add("x".repeat(schema.get("maxLength").asInt() + 1));
        }
        if (schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.get("pattern").asString());
            for (String candidate : List.of("x", "1e5", "ten,ten")) {
                if (!pattern.matcher(candidate).find() && !values.contains(candidate)) {
                    values.add(candidate);
                }
            }
        }
        return values;
    }
}
