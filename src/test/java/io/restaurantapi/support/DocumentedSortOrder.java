package io.restaurantapi.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The list's order under {@code sort=…} as the README states it, built from that text and MongoDB's comparison
 * order, never from the service's code: each key ascending, or descending after {@code -}; values compared as
 * MongoDB compares them without a collation (a missing field as null, null before numbers, numbers by value
 * whatever their BSON type, then strings by their UTF-8 bytes); ties broken by {@code _id} in the direction of the
 * last key.
 */
public final class DocumentedSortOrder {

    private DocumentedSortOrder() {}

    /** The order of served restaurants (JSON objects) for a {@code sort} parameter such as {@code -rating,name}. */
    public static Comparator<JsonNode> of(String sort) {
        Comparator<JsonNode> order = (a, b) -> 0;
        boolean lastDescending = false;
        for (String key : sort.split(",")) {
            lastDescending = key.startsWith("-");
            String field = lastDescending ? key.substring(1) : key;
            Comparator<JsonNode> byField =
                    Comparator.comparing(restaurant -> restaurant.get(field), DocumentedSortOrder::compareValues);
            order = order.thenComparing(lastDescending ? byField.reversed() : byField);
        }
        // an ObjectId's 24 lowercase hex digits sort as its 12 bytes do
        Comparator<JsonNode> byId =
                Comparator.comparing(restaurant -> restaurant.get("_id").asString());
        return order.thenComparing(lastDescending ? byId.reversed() : byId);
    }

    /** A copy of {@code restaurants} in that order. */
    public static List<JsonNode> sorted(List<JsonNode> restaurants, String sort) {
        List<JsonNode> sorted = new ArrayList<>(restaurants);
        sorted.sort(of(sort));
        return sorted;
    }

    /** Two field values, {@code null} for a missing field, in MongoDB's order of null, numbers, strings. */
    static int compareValues(JsonNode a, JsonNode b) {
        int byType = Integer.compare(typeRank(a), typeRank(b));
        if (byType != 0) {
            return byType;
        }
        if (a == null || a.isNull()) {
            return 0;
        }
        if (a.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return Arrays.compareUnsigned(utf8(a), utf8(b));
    }

    private static int typeRank(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return 1;
        }
        if (value.isString()) {
            return 2;
        }
        throw new IllegalArgumentException("The README documents no order for the value " + value);
    }

    private static byte[] utf8(JsonNode string) {
        return string.asString().getBytes(StandardCharsets.UTF_8);
    }
}
