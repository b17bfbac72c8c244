package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.connection.ClusterType;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Writes made by another client, as mongosh would, seen over HTTP by a service that keeps its responses for a year
 * and is told of them by the change stream alone. Needs a replica set: Testcontainers' single-member one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "restaurant.response-cache.max-age=365d")
class ChangeStreamIT {

    private static final String DATABASE = "change_stream_it";
    private static final ObjectId GOLDEN_WOK = new ObjectId("000000000000000000000001");
    private static final String GOLDEN_WOK_PATH = "/api/v1/restaurant/" + GOLDEN_WOK.toHexString();
    /** Far less than the year responses are kept for: only the change stream can make them show this soon. */
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    private static void requireChangeStreams() {
        MongoClient client = TestDatabases.client();
        client.getDatabase("admin").runCommand(new Document("ping", 1));
        assumeTrue(
                client.getClusterDescription().getType() != ClusterType.STANDALONE,
                "the MongoDB test backend is a standalone server (here mongo-java-server, for want of Docker), "
                        + "which has no change streams; the pipeline runs this against Testcontainers "
                        + TestMongo.MONGO_IMAGE);
    }

    @LocalServerPort
    int port;

    private MongoDatabase database;
    private Http http;

    @BeforeEach
    void seed() throws Exception {
        requireChangeStreams();
        database = TestDatabases.fresh(DATABASE);
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        http = new Http(port);
    }

    private MongoCollection<Document> restaurants() {
        return database.getCollection("restaurant");
    }

    private void awaitResponse(String path, Predicate<HttpResponse<String>> expected) throws InterruptedException {
        long deadline = System.nanoTime() + SHOWS_WITHIN.toNanos();
        HttpResponse<String> response = http.get(path);
        while (!expected.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = http.get(path);
        }
        assertThat(response).as("GET %s within %s", path, SHOWS_WITHIN).matches(expected, "the change");
    }

    @Test
    void anUpdateByAnotherClientShowsInTheRestaurantAndTheList() throws Exception {
        assertThat(http.get(GOLDEN_WOK_PATH).body()).contains("Golden Wok");
        assertThat(http.get("/api/v1/restaurant").body()).contains("\"Golden Wok\"");

        restaurants().updateOne(Filters.eq("_id", GOLDEN_WOK), Updates.set("name", "Silver Wok"));

        awaitResponse(GOLDEN_WOK_PATH, response -> response.body().contains("Silver Wok"));
        awaitResponse("/api/v1/restaurant", response -> response.body().contains("\"Silver Wok\""));
    }

    @Test
    void aRestaurantDeletedByAnotherClientIsNotFound() throws Exception {
        assertThat(http.get(GOLDEN_WOK_PATH).statusCode()).isEqualTo(200);

        restaurants().deleteOne(Filters.eq("_id", GOLDEN_WOK));

        awaitResponse(GOLDEN_WOK_PATH, response -> response.statusCode() == 404);
    }

    @Test
    void theStreamGoesOnAfterAReseedsSwap() throws Exception {
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        assertThat(http.get(GOLDEN_WOK_PATH).body()).contains("Golden Wok");

        restaurants().updateOne(Filters.eq("_id", GOLDEN_WOK), Updates.set("name", "Silver Wok"));

        awaitResponse(GOLDEN_WOK_PATH, response -> response.body().contains("Silver Wok"));
    }
}
