package io.restaurantapi.restaurant;

import java.nio.charset.StandardCharsets;

import io.restaurantapi.web.InvalidParameterException;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;

/** Finds restaurants and renders them as the JSON the API serves. */
@Service
public class RestaurantService {

    static final int CURSOR_BATCH_SIZE = 1000;

    private final RestaurantRepository repository;

    public RestaurantService(RestaurantRepository repository) {
        this.repository = repository;
    }

    /** The restaurant with {@code id} as a JSON object. */
    public byte[] findById(String id) {
        if (!ObjectId.isValid(id)) {
            throw new InvalidParameterException("id", "Restaurant id must be 24 hexadecimal digits (a MongoDB ObjectId).");
        }
        return repository.findById(new ObjectId(id))
                .map(document -> RestaurantJson.toJson(document).getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new RestaurantNotFoundException(id));
    }

    /** The restaurants the query selects, as a JSON array, with the total count when the query asks for a page. */
    public RestaurantList list(RestaurantQuery query) {
        StringBuilder json = new StringBuilder("[");
        repository.forEach(query, CURSOR_BATCH_SIZE, document -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(RestaurantJson.toJson(document));
        });
        json.append(']');
        Long totalCount = query.isPaged() ? repository.count(query) : null;
        return new RestaurantList(json.toString().getBytes(StandardCharsets.UTF_8), totalCount);
    }
}
