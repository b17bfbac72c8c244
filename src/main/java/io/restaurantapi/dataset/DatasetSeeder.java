package io.restaurantapi.dataset;

import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * Replaces the restaurant collection with the documents of a mongoexport file. It streams the file, a batch at a
 * time, into a staging collection of its own, builds the indexes there, and swaps it in with one
 * {@code renameCollection … dropTarget: true}, which MongoDB performs under an exclusive lock on both collections.
 * So readers see the old dataset or the new one, never a mix nor an empty collection, and a seed that fails or
 * is killed before the swap leaves the old dataset served. Two seeders at once each swap in a whole file.
 * This is the one code path that writes restaurants, wherever they are loaded from.
 *
 * <p>Every write, the swap and the version marker included, waits for a majority of the replica set
 * ({@link #WRITE_CONCERN}): once the marker is acknowledged, a majority read of it on the primary, as the API makes,
 * sees the new version, and a failover cannot roll the swap back.
 */
public class DatasetSeeder {

    static final int BATCH_SIZE = 1000;

    /**
     * The fields the list endpoint filters and sorts on. Each index ends with {@code _id}, the list's tie-breaker,
     * so that it also serves a sort on its field in either direction.
     */
    static final List<String> INDEXED_FIELDS = List.of("name", "type_of_food", "outcode", "postcode", "rating");

    /** A staging collection is named {@code <collection>_staging_<ObjectId>}, the ObjectId saying when its seed began. */
    static final String STAGING_INFIX = "_staging_";

    /** A staging collection this old was left by a seeder that died: no seed runs that long. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /**
     * How long a write waits for a majority to acknowledge it before the seed fails. A write that times out is not
     * undone: it may still reach the majority, and a seed that failed is simply run again.
     */
    static final Duration MAJORITY_TIMEOUT = Duration.ofSeconds(10);

    static final WriteConcern WRITE_CONCERN =
            WriteConcern.MAJORITY.withWTimeout(MAJORITY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final RenameCollectionOptions REPLACE_TARGET = new RenameCollectionOptions().dropTarget(true);

    private final MongoDatabase database;
    private final String collectionName;

    public DatasetSeeder(MongoDatabase database, String collectionName) {
        this.database = database.withWriteConcern(WRITE_CONCERN);
        this.collectionName = collectionName;
    }

    /**
     * Replaces the collection with every valid line of {@code file}. Bad lines are skipped and listed in the report;
     * in {@code strict} mode the whole file is checked first and nothing is written if any line is bad.
     */
    public SeedReport seed(Path file, boolean strict) throws IOException {
        if (strict) {
            List<InvalidLineException> rejected = new ArrayList<>();
            long read = readLines(file, document -> {}, rejected::add);
            if (!rejected.isEmpty()) {
                return new SeedReport(read, 0, 0, 0, 0, rejected);
            }
        }
        String stagingName = collectionName + STAGING_INFIX + new ObjectId().toHexString();
        database.createCollection(stagingName);
        MongoCollection<BsonDocument> staging = collection(stagingName);
        MongoCollection<BsonDocument> live = collection(collectionName);
        StagingWriter writer = new StagingWriter(staging, live);
        List<InvalidLineException> rejected = new ArrayList<>();
        long read;
        long previous;
        try {
            read = readLines(file, writer::add, rejected::add);
            writer.flush();
            createIndexes(staging);
            previous = live.countDocuments();
            swapIn(staging, writer.staged);
        } catch (IOException | RuntimeException e) {
            dropQuietly(staging);
            throw e;
        }
        DatasetVersion.bump(database, collectionName);
        DatasetVersion.awaitReaders();
        dropAbandonedStagingCollections();
        // Another seeder may have swapped in its own file meanwhile: then this is an estimate, never below zero.
        long removed = Math.max(0, previous - writer.matched);
        return new SeedReport(read, writer.inserted, writer.updated, writer.unchanged, removed, rejected);
    }

    private MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }

    /**
     * Renames the staging collection over the live one, once it is sure to hold every document written to it:
     * a staging collection dropped under a running seeder (taken for abandoned) would be recreated by its next
     * write with only part of the file.
     */
    private void swapIn(MongoCollection<BsonDocument> staging, long staged) {
        long held = staging.countDocuments();
        if (held != staged) {
            throw new MongoException(
                    "the staging collection " + staging.getNamespace().getCollectionName() + " holds " + held
                            + " documents instead of " + staged + "; the previous dataset was left in place");
        }
        staging.renameCollection(new MongoNamespace(database.getName(), collectionName), REPLACE_TARGET);
    }

    /** Best effort after a failure: a staging collection left behind is dropped by a later seed once abandoned. */
    private static void dropQuietly(MongoCollection<BsonDocument> staging) {
        try {
            staging.drop();
        } catch (MongoException ignored) {
            // The database is what failed; the collection is only garbage, never served.
        }
    }

    private void dropAbandonedStagingCollections() {
        String prefix = collectionName + STAGING_INFIX;
        Instant abandonedBefore = Instant.now().minus(ABANDONED_AFTER);
        for (String name : database.listCollectionNames()) {
            String suffix = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
            if (ObjectId.isValid(suffix)
                    && new ObjectId(suffix).getDate().toInstant().isBefore(abandonedBefore)) {
                database.getCollection(name).drop();
            }
        }
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
            return StandardCharsets.UTF_8
                    .newDecoder()
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

    /**
     * Writes documents to the staging collection a batch at a time, and counts how each compares with the live
     * collection it will replace. Upserts by {@code _id}, so a file that repeats an id keeps its last line, as it
     * always has.
     */
    private static final class StagingWriter {

        private final MongoCollection<BsonDocument> staging;
        private final MongoCollection<BsonDocument> live;
        private final List<BsonDocument> batch = new ArrayList<>(BATCH_SIZE);
        private long staged;
        private long inserted;
        private long updated;
        private long unchanged;
        /** Documents of the live collection that the file has too, each counted once. */
        private long matched;

        StagingWriter(MongoCollection<BsonDocument> staging, MongoCollection<BsonDocument> live) {
            this.staging = staging;
            this.live = live;
        }

        void add(BsonDocument document) {
            batch.add(document);
            if (batch.size() == BATCH_SIZE) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Map<BsonValue, BsonDocument> current = new HashMap<>();
            live.find(Filters.in(
                            "_id",
                            batch.stream().map(document -> document.get("_id")).toList()))
                    .forEach(document -> current.put(document.get("_id"), document));
            BulkWriteResult result = staging.bulkWrite(
                    batch.stream()
                            .map(document ->
                                    new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                            .toList(),
                    new BulkWriteOptions().ordered(false));
            Set<Integer> firstInFile =
                    result.getUpserts().stream().map(BulkWriteUpsert::getIndex).collect(Collectors.toSet());
            staged += firstInFile.size();
            for (int i = 0; i < batch.size(); i++) {
                BsonDocument stored = current.get(batch.get(i).get("_id"));
                if (stored == null) {
                    inserted++;
                    continue;
                }
                if (stored.equals(batch.get(i))) {
                    unchanged++;
                } else {
                    updated++;
                }
                if (firstInFile.contains(i)) {
                    matched++;
                }
            }
            batch.clear();
        }
    }
}
