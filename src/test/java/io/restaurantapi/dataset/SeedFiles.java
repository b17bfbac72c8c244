package io.restaurantapi.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.BsonDocument;

/** What a seed file holds, to compare a collection with. */
final class SeedFiles {

    private SeedFiles() {}

    /** The documents of {@code file}, one a line, in {@code _id} order as a collection sorted on it returns them. */
    static List<BsonDocument> documents(Path file) throws IOException {
        List<BsonDocument> documents = new ArrayList<>();
        long number = 0;
        for (String line : Files.readAllLines(file)) {
            documents.add(DatasetLineParser.parse(++number, line));
        }
        documents.sort(
                Comparator.comparing(document -> document.getObjectId("_id").getValue()));
        return documents;
    }
}
