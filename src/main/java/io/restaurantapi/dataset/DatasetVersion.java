package io.restaurantapi.dataset;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A marker the seeder changes each time it swaps a new dataset in, so that readers can keep what they serve
 * and still see a reseed on their next request. It lives in the {@value #COLLECTION} collection, one document
 * per restaurant collection.
 *
 * <p>Readers need not read it on every request: a reader may use a version it read until {@link #READER_LEASE}
 * has passed since its read began, and the seeder lets that much time pass after it changed the version before
 * it reports that it is done. So a request that comes after a seed has finished always sees that seed's version.
 *
 * <p>On a replica set that holds because the seeder's writes wait for a majority and the marker is read from the
 * primary with read concern {@code majority}, whatever the connection string says: the primary's majority view
 * includes every write that a majority has acknowledged, whereas a secondary may not have heard of it yet.
 */
public final class DatasetVersion {

    public static final String COLLECTION = "dataset_versions";

    /** The version readers see before any seeder has run. */
    public static final String NONE = "none";

    /** How long a reader may go on using a version after its read of it began. */
    public static final Duration READER_LEASE = Duration.ofMillis(200);

    private DatasetVersion() {}

    public static String read(MongoDatabase database, String collectionName) {
        Document marker =
                versionsToRead(database).find(Filters.eq("_id", collectionName)).first();
        return marker == null ? NONE : marker.getObjectId("version").toHexString();
    }

    static void bump(MongoDatabase database, String collectionName) {
        Document marker = new Document("_id", collectionName)
                .append("version", new ObjectId())
                .append("updatedAt", new Date());
        versions(database).replaceOne(Filters.eq("_id", collectionName), marker, new ReplaceOptions().upsert(true));
    }

    /** Lets every reader's lease on the version before the last {@link #bump} run out. */
    static void awaitReaders() {
        try {
            Thread.sleep(READER_LEASE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static MongoCollection<Document> versionsToRead(MongoDatabase database) {
        return versions(database).withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.MAJORITY);
    }

    private static MongoCollection<Document> versions(MongoDatabase database) {
        return database.getCollection(COLLECTION);
    }
}
