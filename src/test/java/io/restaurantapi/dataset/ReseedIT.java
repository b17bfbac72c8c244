package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reseed seen over HTTP by a service that keeps its responses for a year, so that only the dataset version
 * can make it read again: the service serves exactly the last file seeded, from the next request on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "restaurant.response-cache.max-age=365d")
class ReseedIT {

    private static final String DATABASE = "reseed_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

    private MongoDatabase database;
    private Http http;

    @BeforeEach
    void emptyDatabase() {
        database = TestDatabases.fresh(DATABASE);
        http = new Http(port);
    }

    private SeedReport seed(Path file) throws Exception {
        return new DatasetSeeder(database, "restaurant").seed(file, true);
    }

    private int statusOf(int restaurant) {
        return http.get("/api/v1/restaurant/" + GeneratedDataset.id(restaurant)).statusCode();
    }

    private String totalCount() {
        return http.get("/api/v1/restaurant?page=0&size=10")
                .headers()
                .firstValue("X-Total-Count")
                .orElseThrow();
    }

    private int listedCount() {
        return JSON.readTree(http.get("/api/v1/restaurant").body()).size();
    }

    @Test
    void aShorterFileRemovesTheRestaurantsItLacks() throws Exception {
        seed(GeneratedDataset.write(directory.resolve("600.jsonl"), 600, 1));
        assertThat(statusOf(599)).isEqualTo(200);
        assertThat(totalCount()).isEqualTo("600");
        assertThat(listedCount()).isEqualTo(600);

        SeedReport report = seed(GeneratedDataset.write(directory.resolve("500.jsonl"), 500, 1));

        assertThat(report.removed()).isEqualTo(100);
        assertThat(statusOf(599)).as("a restaurant the shorter file lacks").isEqualTo(404);
        assertThat(statusOf(500))
                .as("the first restaurant the shorter file lacks")
                .isEqualTo(404);
        assertThat(statusOf(499)).isEqualTo(200);
        assertThat(totalCount()).isEqualTo("500");
        assertThat(listedCount()).isEqualTo(500);
    }

    @Test
    void twoSeedersAtOnceEndWithTheFilesData() throws Exception {
        seed(GeneratedDataset.write(directory.resolve("old.jsonl"), 300, 1));
        Path file = GeneratedDataset.writeLines(directory.resolve("new.jsonl"), 100, 800, 2);
        assertThat(statusOf(0)).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<SeedReport> run = () -> new DatasetSeeder(database, "restaurant").seed(file, false);
            for (Future<SeedReport> finished : pool.invokeAll(List.of(run, run))) {
                assertThat(finished.get().complete()).isTrue();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statusOf(0)).as("a restaurant only the old file has").isEqualTo(404);
        assertThat(statusOf(799)).isEqualTo(200);
        assertThat(totalCount()).isEqualTo("700");
        assertThat(database.getCollection("restaurant", BsonDocument.class)
                        .find()
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>()))
                .as("the collection, document by document")
                .isEqualTo(SeedFiles.documents(file));
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .as("collections once both are done")
                .containsExactlyInAnyOrder("restaurant", DatasetVersion.COLLECTION);
    }

    @Test
    void aReseedShowsOnTheNextRequest() throws Exception {
        seed(GeneratedDataset.write(directory.resolve("padded-1.jsonl"), 50, 1));
        HttpResponse<String> before = http.get("/api/v1/restaurant/" + GeneratedDataset.id(7));
        assertThat(JSON.readTree(before.body()).get("notes").asString()).isEqualTo("n");

        seed(GeneratedDataset.write(directory.resolve("padded-2.jsonl"), 50, 2));
        HttpResponse<String> after = http.get("/api/v1/restaurant/" + GeneratedDataset.id(7));

        assertThat(JSON.readTree(after.body()).get("notes").asString()).isEqualTo("nn");
        assertThat(after.headers().firstValue("ETag"))
                .isNotEqualTo(before.headers().firstValue("ETag"));
    }
}
