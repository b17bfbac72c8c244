package io.restaurantapi.restaurant;

import java.util.List;

/**
 * What a client asked of the list: filters (null when absent), sort order and, optionally, one page.
 * Text filters are plain text, matched literally.
 */
public record RestaurantQuery(
        String typeOfFood,
        String outcode,
        String postcode,
        String name,
        Double minRating,
        List<SortOrder> sort,
        Paging paging) {

    public static final RestaurantQuery ALL = new RestaurantQuery(null, null, null, null, null, List.of(), null);

    public boolean isPaged() {
        return paging != null;
    }

    /** One sort key: a field of the restaurant, ascending unless {@code descending}. */
    public record SortOrder(String field, boolean descending) {}

    /** A 0-based page of {@code size} restaurants. */
    public record Paging(int page, int size) {

        public long offset() {
            return (long) page * size;
        }
    }
}
