package io.restaurantapi.openapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the service serves, read for what the tests compare with the service's behaviour: its
 * operations, their parameters and responses, and a check of JSON values against its schemas (the part of JSON
 * Schema the document uses: {@code $ref}, {@code type}, {@code oneOf}, {@code enum}, {@code pattern},
 * {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}, {@code properties}, {@code required},
 * {@code additionalProperties} and {@code items}).
 */
final class ApiDocument {

    private final JsonNode root;

    ApiDocument(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    /** Every operation, as method, path template and its object. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue(), this));
            }
        }
        return operations;
    }

    Operation operation(String operationId) {
        return operations().stream()
                .filter(operation -> operation.id().equals(operationId))
                .findFirst()
                .orElseThrow();
    }

    /** {@code node}, or what it refers to when it is a {@code $ref} within this document. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("not a local reference: " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference: " + ref);
            }
            node = target;
        }
        return node;
    }

    /** What is wrong with {@code value} according to {@code schema}; empty when it conforms. */
    List<String> violations(JsonNode value, JsonNode schema) {
        List<String> violations = new ArrayList<>();
        check("$", value, schema, violations);
        return violations;
    }

    private void check(String at, JsonNode value, JsonNode schema, List<String> violations) {
        schema = resolve(schema);
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode alternative : schema.get("oneOf")) {
                if (violations(value, alternative).isEmpty()) {
                    matching++;
                }
            }
            if (matching != 1) {
                violations.add(
                        at + ": " + value + " matches " + matching + " of the oneOf alternatives, not exactly one");
            }
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asString())) {
            violations.add(at + ": " + abbreviate(value) + " is not of type "
                    + schema.get("type").asString());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                violations.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isString()) {
            String text = value.asString();
            if (schema.has("pattern")
                    && !Pattern.compile(schema.get("pattern").asString())
                            .matcher(text)
                            .find()) {
                violations.add(at + ": '" + text + "' does not match "
                        + schema.get("pattern").asString());
            }
            if (schema.has("minLength")
                    && text.length() < schema.get("minLength").asInt()) {
                violations.add(at + ": '" + text + "' is shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength")
                    && text.length() > schema.get("maxLength").asInt()) {
                violations.add(at + ": '" + abbreviate(value) + "' is longer than " + schema.get("maxLength"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum")
                    && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                violations.add(at + ": " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum")
                    && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                violations.add(at + ": " + value + " is above " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    violations.add(at + ": required property '" + required.asString() + "' is missing");
                }
            }
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                String path = at + "['" + property.getKey() + "']";
                if (properties.has(property.getKey())) {
                    check(path, property.getValue(), properties.get(property.getKey()), violations);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    violations.add(path + ": not a property of the schema");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int index = 0;
            for (Iterator<JsonNode> items = value.iterator(); items.hasNext(); index++) {
                check(at + "[" + index + "]", items.next(), schema.get("items"), violations);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode node, ApiDocument document) {

        String id() {
            return node.get("operationId").asString();
        }

        /** Its parameters of one location ({@code query}, {@code path}, {@code header}), resolved. */
        List<JsonNode> parameters(String in) {
            List<JsonNode> parameters = new ArrayList<>();
            for (JsonNode parameter : node.path("parameters")) {
                JsonNode resolved = document.resolve(parameter);
                if (resolved.get("in").asString().equals(in)) {
                    parameters.add(resolved);
                }
            }
            return parameters;
        }

        /** Its documented status codes, {@code default} included. */
        List<String> statusCodes() {
            List<String> codes = new ArrayList<>();
            node.get("responses").propertyNames().forEach(codes::add);
            return codes;
        }

        /** The documented response for {@code status} (resolved), or else the {@code default} one. */
        JsonNode response(int status) {
            JsonNode responses = node.get("responses");
            JsonNode response = responses.has(String.valueOf(status))
                    ? responses.get(String.valueOf(status))
                    : responses.get("default");
            return document.resolve(response);
        }

        /** The path with each path parameter replaced by {@code values}' entry or else its documented example. */
        String pathWith(Map<String, String> values) {
            String expanded = path;
            for (JsonNode parameter : parameters("path")) {
                String name = parameter.get("name").asString();
                String value =
                        values.getOrDefault(name, parameter.get("example").asString());
                expanded = expanded.replace("{" + name + "}", value);
            }
            return expanded;
        }

        String examplePath() {
            return pathWith(Map.of());
        }
    }
}
