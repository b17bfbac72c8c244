package io.restaurantapi.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Made-up restaurants in the dataset's format (mongoexport JSON lines), as many as a test needs, with
 * deterministic ids: line {@code i} (0-based) has the ObjectId {@link #id(int)}.
 */
public final class GeneratedDataset {

    private static final String[] FOODS = {"Chinese", "Curry", "Pizza", "Thai", "Fish & Chips", "Café"};

    private GeneratedDataset() {}

    /** The 24-hex id of line {@code index}. */
    public static String id(int index) {
        return "%024x".formatted(0x7e57_0000_0000L + index);
    }

    /** One line: a restaurant with the usual fields, {@code padding} extra characters in {@code notes}. */
    public static String line(int index, int padding) {
        String rating = index % 7 == 0 ? "\"Not yet rated\"" : String.valueOf((index % 11) / 2.0);
        return "{\"_id\":{\"$oid\":\"" + id(index) + "\"},\"URL\":\"http://example.test/menu/generated-" + index
                + "\",\"address\":\"" + index
                + " Generated Street\",\"address line 2\":\"Testford\",\"name\":\"Generated "
                + index + "\",\"outcode\":\"GN" + (index % 10) + "\",\"postcode\":\"" + (index % 9) + "ZZ\",\"rating\":"
                + rating
                + ",\"type_of_food\":\"" + FOODS[index % FOODS.length] + "\",\"notes\":\"" + "n".repeat(padding)
                + "\"}";
    }

    /** Writes {@code count} lines to {@code file} and returns it. */
    public static Path write(Path file, int count, int padding) {
        return writeLines(file, 0, count, padding);
    }

    /** Writes lines {@code from} (inclusive) to {@code to} (exclusive) to {@code file} and returns it. */
    public static Path writeLines(Path file, int from, int to, int padding) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                out.write(line(i, padding));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
