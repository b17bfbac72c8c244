package io.restaurantapi.restaurant;

/** No restaurant has the requested id; answered with 404. */
public class RestaurantNotFoundException extends RuntimeException {

    public RestaurantNotFoundException(String id) {
        super("No restaurant has id '" + id + "'.");
    }
}
