package io.restaurantapi.dataset;

import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A marker the seeder changes whenever it writes a collection, so that readers can cache what they serve
 * and still see a reseed on their next request. It lives in the {@value #COLLECTION} collection, one document
 * per restaurant collection.
 */
public final class DatasetVersion {

    public static final String COLLECTION = "dataset_versions";

    /** The version readers see before any seeder has run. */
    public static final String NONE = "none";

    private DatasetVersion() {
    }

    public static String read(MongoDatabase database, String collectionName) {
        Document marker = versions(database).find(Filters.eq("_id", collectionName)).first();
        return marker == null ? NONE : marker.getObjectId("version").toHexString();
    }

    static void bump(MongoDatabase database, String collectionName) {
        Document marker = new Document("_id", collectionName)
                .append("version", new ObjectId())
                .append("updatedAt", new Date());
        versions(database).replaceOne(Filters.eq("_id", collectionName), marker, new ReplaceOptions().upsert(true));
    }

    private static MongoCollection<Document> versions(MongoDatabase database) {
        return database.getCollection(COLLECTION);
    }
}
