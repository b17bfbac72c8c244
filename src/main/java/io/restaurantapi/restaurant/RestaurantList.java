package io.restaurantapi.restaurant;

/**
 * A rendered list response: the JSON array and, for a page, how many restaurants match in all.
 */
public record RestaurantList(byte[] json, Long totalCount) {
}
