package io.restaurantapi.restaurant;

/**
 * A list response: its entity tag, the JSON array, and, for a page, how many restaurants match in all.
 */
public record RestaurantList(String etag, JsonBody body, Long totalCount) implements RenderedResponse {}
