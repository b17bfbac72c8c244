package io.restaurantapi.restaurant;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes stored documents as the JSON clients get: every field as stored, numbers as numbers, and
 * {@code _id} (an ObjectId) as its 24-hex string, as the service this one replaces did.
 */
final class RestaurantJson {

    private static final JsonWriterSettings SETTINGS = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED)
            .objectIdConverter((id, writer) -> writer.writeString(id.toHexString()))
            .build();

    private RestaurantJson() {
    }

    static String toJson(BsonDocument document) {
        return document.toJson(SETTINGS);
    }
}
