package io.restaurantapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the list endpoint: whole, or page by page. */
public final class ListPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ListPages() {}

    /** The restaurants {@code query} (a query string, possibly empty) selects, unpaged. */
    public static List<JsonNode> all(Http http, String query) {
        return restaurants(http.get("/api/v1/restaurant?" + query));
    }

    /** Every page of {@code query} at {@code size}, from page 0 to the last that {@code X-Total-Count} implies. */
    public static List<List<JsonNode>> every(Http http, String query, int size) {
        List<List<JsonNode>> pages = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int page = 0; (long) page * size < total; page++) {
            HttpResponse<String> response = http.get("/api/v1/restaurant?" + query + "&size=" + size + "&page=" + page);
            total = Long.parseLong(
                    response.headers().firstValue("X-Total-Count").orElseThrow());
            pages.add(restaurants(response));
        }
        return pages;
    }

    /**
     * Asserts that {@code pages} are pairwise disjoint, that together they hold exactly {@code selected}, and that
     * one after another they are {@code unpaged}.
     */
    public static void assertPartitionInOrder(
            List<List<JsonNode>> pages, List<JsonNode> selected, List<JsonNode> unpaged) {
        for (int i = 0; i < pages.size(); i++) {
            for (int j = i + 1; j < pages.size(); j++) {
                assertThat(ids(pages.get(i)))
                        .as("pages %d and %d", i, j)
                        .doesNotContainAnyElementsOf(ids(pages.get(j)));
            }
        }
        List<JsonNode> concatenated = pages.stream().flatMap(List::stream).toList();
        assertThat(ids(concatenated)).as("every page together").containsExactlyInAnyOrderElementsOf(ids(selected));
        assertThat(ids(concatenated)).as("the pages in turn").containsExactlyElementsOf(ids(unpaged));
    }

    public static List<String> ids(List<JsonNode> restaurants) {
        return restaurants.stream()
                .map(restaurant -> restaurant.get("_id").asString())
                .toList();
    }

    private static List<JsonNode> restaurants(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        return List.copyOf(JSON.readTree(response.body()).values());
    }
}
