package io.restaurantapi.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/** Plain driver access to {@link TestMongo}, for tests below the Spring context. */
public final class TestDatabases {

    private static MongoClient client;

    private TestDatabases() {}

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestMongo.uri());
        }
        return client;
    }

    /** An empty database of the given name (dropped first). */
    public static MongoDatabase fresh(String name) {
        MongoDatabase database = client().getDatabase(name);
        database.drop();
        return database;
    }
}
