package io.restaurantapi.restaurant;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

    private static final int BUFFER_SIZE = 64 * 1024;

    private RestaurantJson() {}

    static byte[] toJson(BsonDocument document) {
        return document.toJson(SETTINGS).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the restaurants {@code query} selects as a JSON array, one document at a time as the cursor yields them. */
    static void writeArray(RestaurantRepository repository, RestaurantQuery query, int batchSize, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_SIZE);
        writer.write('[');
        boolean[] first = {true};
        try {
            repository.forEach(query, batchSize, document -> {
                try {
                    if (!first[0]) {
                        writer.write(',');
                    }
                    first[0] = false;
                    writer.write(document.toJson(SETTINGS));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.write(']');
        writer.flush();
    }
}
