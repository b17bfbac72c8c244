package io.restaurantapi.restaurant;

/** A response body the service renders once and keeps, with the entity tag that names it. */
sealed interface RenderedResponse permits RestaurantJsonObject, RestaurantList {

    String etag();

    JsonBody body();
}
