package io.restaurantapi.dataset;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.BsonDocument;

/**
 * Loads a mongoexport file into the restaurant collection: streams it line by line and upserts each document by
 * {@code _id} in batches, so that running it again, or twice at once, leaves the same collection.
 * This is the one code path that writes restaurants, wherever they are loaded from.
 */
public class DatasetSeeder {

    static final int BATCH_SIZE = 1000;

    /**
     * The fields the list endpoint filters and sorts on. Each index ends with {@code _id}, the list's tie-breaker,
     * so that it also serves a sort on its field in either direction.
     */
    static final List<String> INDEXED_FIELDS = List.of("name", "type_of_food", "outcode", "postcode", "rating");

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    private final String collectionName;

    public DatasetSeeder(MongoDatabase database, String collectionName) {
        this.database = database;
        this.collectionName = collectionName;
    }

    /**
     * Loads every valid line of {@code file}. Bad lines are skipped and listed in the report; in {@code strict}
     * mode the whole file is checked first and nothing is written if any line is bad.
     */
    public SeedReport seed(Path file, boolean strict) throws IOException {
        if (strict) {
            List<InvalidLineException> rejected = new ArrayList<>();
            long read = readLines(file, document -> { }, rejected::add);
            if (!rejected.isEmpty()) {
                return new SeedReport(read, 0, 0, 0, rejected);
            }
        }
        MongoCollection<BsonDocument> collection = database.getCollection(collectionName, BsonDocument.class);
        createIndexes(collection);
        DatasetVersion.bump(database, collectionName);
        BatchWriter writer = new BatchWriter(collection);
        List<InvalidLineException> rejected = new ArrayList<>();
        long read = readLines(file, writer::add, rejected::add);
        writer.flush();
        DatasetVersion.bump(database, collectionName);
        DatasetVersion.awaitReaders();
        return new SeedReport(read, writer.inserted, writer.updated, writer.unchanged, rejected);
    }

    private static long readLines(Path file, Consumer<BsonDocument> documents, Consumer<InvalidLineException> rejected)
            throws IOException {
        long lineNumber = 0;
        long read = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (nextLine(in, line)) {
                lineNumber++;
                try {
                    String text = decode(lineNumber, line);
                    if (text.isBlank()) {
                        continue;
                    }
                    read++;
                    documents.accept(DatasetLineParser.parse(lineNumber, text));
                } catch (InvalidLineException e) {
                    rejected.accept(e);
                }
            }
        }
        return read;
    }

    /** Reads up to the next newline into {@code line}; false at the end of the file. */
    private static boolean nextLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int next = in.read();
        if (next == -1) {
            return false;
        }
        while (next != -1 && next != '\n') {
            line.write(next);
            next = in.read();
        }
        return true;
    }

    /** Decodes one line on its own, so that a bad byte is reported on the line it is in. */
    private static String decode(long lineNumber, ByteArrayOutputStream line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidLineException(lineNumber, "not valid UTF-8");
        }
    }

    private static void createIndexes(MongoCollection<BsonDocument> collection) {
        collection.createIndexes(INDEXED_FIELDS.stream()
                .map(field -> new IndexModel(Indexes.ascending(field, "_id")))
                .toList());
    }

    /** Upserts documents a batch at a time and counts what each batch did. */
    private static final class BatchWriter {

        private final MongoCollection<BsonDocument> collection;
        private final List<ReplaceOneModel<BsonDocument>> batch = new ArrayList<>(BATCH_SIZE);
        private long inserted;
        private long updated;
        private long unchanged;

        BatchWriter(MongoCollection<BsonDocument> collection) {
            this.collection = collection;
        }

        void add(BsonDocument document) {
            batch.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT));
            if (batch.size() == BATCH_SIZE) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            BulkWriteResult result = collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
            inserted += result.getUpserts().size();
            updated += result.getModifiedCount();
            unchanged += result.getMatchedCount() - result.getModifiedCount();
            batch.clear();
        }
    }
}
