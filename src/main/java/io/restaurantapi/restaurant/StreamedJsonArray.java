package io.restaurantapi.restaurant;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A list too large to hold in memory, written straight from the database cursor to the client, so that
 * memory stays flat and the first byte leaves as soon as the first batch arrives, however large the collection.
 */
record StreamedJsonArray(RestaurantRepository repository, RestaurantQuery query, int batchSize) implements JsonBody {

    @Override
    public void writeTo(OutputStream out) throws IOException {
        RestaurantJson.writeArray(repository, query, batchSize, out);
    }

    @Override
    public long contentLength() {
        return -1;
    }
}
