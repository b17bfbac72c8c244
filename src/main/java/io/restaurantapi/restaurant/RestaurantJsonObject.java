package io.restaurantapi.restaurant;

/** One restaurant as the API serves it: its JSON object and a strong entity tag of that content. */
public record RestaurantJsonObject(String etag, JsonBody body) implements RenderedResponse {}
