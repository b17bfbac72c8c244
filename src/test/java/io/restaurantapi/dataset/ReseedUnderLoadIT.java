package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readers over HTTP while the dataset is reseeded again and again: every response comes whole from the old file
 * or the new one. The service keeps nothing ({@code max-age=0}), so every response is a fresh read of MongoDB.
 *
 * <p>The old file has restaurants 0 to 599 with one character of notes, the new one 100 to 799 with two: a
 * restaurant's notes say which file it came from.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "restaurant.response-cache.max-age=0")
class ReseedUnderLoadIT {

    private static final String DATABASE = "reseed_under_load_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OLD_COUNT = 600;
    private static final int NEW_COUNT = 700;
    private static final int IN_BOTH = 300;
    private static final int READERS = 3;
    private static final int RESEEDS = 6;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final Set<Integer> countsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Test
    void readersSeeTheOldDatasetOrTheNewOneWholeAndNeverLoseARestaurantInBoth() throws Exception {
        MongoDatabase database = TestDatabases.fresh(DATABASE);
        Path oldFile = GeneratedDataset.writeLines(directory.resolve("old.jsonl"), 0, OLD_COUNT, 1);
        Path newFile = GeneratedDataset.writeLines(directory.resolve("new.jsonl"), 100, 100 + NEW_COUNT, 2);
        DatasetSeeder seeder = new DatasetSeeder(database, "restaurant");
        seeder.seed(oldFile, true);

        AtomicBoolean reseeding = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        List<Future<Integer>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < READERS; i++) {
                reads.add(readers.submit(() -> readUntil(reseeding)));
            }
            for (int i = 0; i < RESEEDS; i++) {
                seeder.seed(i % 2 == 0 ? newFile : oldFile, true);
            }
        } finally {
            reseeding.set(false);
            readers.shutdown();
        }
        int requests = 0;
        for (Future<Integer> reader : reads) {
            requests += reader.get();
        }

        assertThat(violations)
                .as("responses that were not one whole dataset, of %d", requests)
                .isEmpty();
        assertThat(countsSeen).as("datasets the readers saw").containsExactlyInAnyOrder(OLD_COUNT, NEW_COUNT);
    }

    /** Reads the three ways a client can until {@code reseeding} ends; returns how many requests it made. */
    private int readUntil(AtomicBoolean reseeding) {
        Http http = new Http(port);
        int requests = 0;
        while (reseeding.get()) {
            checkPage(http.get("/api/v1/restaurant?page=0&size=1000"));
            checkList(http.get("/api/v1/restaurant"));
            checkRestaurantInBoth(http.get("/api/v1/restaurant/" + GeneratedDataset.id(IN_BOTH)));
            requests += 3;
        }
        return requests;
    }

    private void checkPage(HttpResponse<String> page) {
        if (page.statusCode() != 200) {
            violations.add("page: status " + page.statusCode() + " " + page.body());
            return;
        }
        int total = Integer.parseInt(page.headers().firstValue("X-Total-Count").orElse("-1"));
        checkWhole("page with X-Total-Count " + total, total, JSON.readTree(page.body()));
    }

    private void checkList(HttpResponse<String> list) {
        if (list.statusCode() != 200) {
            violations.add("list: status " + list.statusCode() + " " + list.body());
            return;
        }
        JsonNode restaurants = JSON.readTree(list.body());
        checkWhole("list", restaurants.size(), restaurants);
    }

    /** The restaurants are all of one file, and as many as that file has. */
    private void checkWhole(String what, int count, JsonNode restaurants) {
        int padding = count == OLD_COUNT ? 1 : count == NEW_COUNT ? 2 : -1;
        if (padding < 0 || restaurants.size() != count) {
            violations.add(what + ": " + restaurants.size() + " restaurants");
            return;
        }
        for (JsonNode restaurant : restaurants) {
            if (restaurant.get("notes").asString().length() != padding) {
                violations.add(what + ": restaurant " + restaurant.get("_id").asString() + " of the other file");
                return;
            }
        }
        countsSeen.add(count);
    }

    private void checkRestaurantInBoth(HttpResponse<String> restaurant) {
        if (restaurant.statusCode() != 200) {
            violations.add("restaurant in both files: status " + restaurant.statusCode());
        }
    }
}
