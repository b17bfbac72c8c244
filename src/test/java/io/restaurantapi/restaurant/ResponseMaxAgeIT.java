package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.time.Duration;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A change written straight into the collection, as by {@code mongoimport} or an operator in {@code mongosh}, leaves
 * the dataset version as it was: over HTTP it shows once the kept response is {@code max-age} old, not later.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "restaurant.response-cache.max-age=" + ResponseMaxAgeIT.MAX_AGE_MILLIS + "ms")
class ResponseMaxAgeIT {

    static final long MAX_AGE_MILLIS = 1000;
    private static final String DATABASE = "response_max_age_it";
    private static final String GOLDEN_WOK = "000000000000000000000001";
    /** Time for the request that renders afresh, on a machine shared with other work. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @Test
    void aChangeByAnotherWriterShowsWithinMaxAge() throws Exception {
        MongoDatabase database = TestDatabases.fresh(DATABASE);
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        Http http = new Http(port);
        assertThat(http.get("/api/v1/restaurant/" + GOLDEN_WOK).body()).contains("\"Golden Wok\"");

        database.getCollection("restaurant")
                .updateOne(Filters.eq("_id", new ObjectId(GOLDEN_WOK)), Updates.set("name", "Fixed By Hand"));
        Instant changed = Instant.now();
        Instant limit = changed.plusMillis(MAX_AGE_MILLIS).plus(MARGIN);
        String body = http.get("/api/v1/restaurant/" + GOLDEN_WOK).body();
        while (!body.contains("\"Fixed By Hand\"") && Instant.now().isBefore(limit)) {
            Thread.sleep(50);
            body = http.get("/api/v1/restaurant/" + GOLDEN_WOK).body();
        }

        assertThat(body)
                .as("the restaurant %s after the change", Duration.between(changed, Instant.now()))
                .contains("\"Fixed By Hand\"");
    }
}
