package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restaurantapi.support.CapturedConsole;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.StoppableMongoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed command started before its database, as a container or a Job often is. */
class SeedCommandWaitTest {

    private static final long DATABASE_STARTS_AFTER_SECONDS = 6;

    @TempDir
    Path directory;

    private final StoppableMongoServer database = StoppableMongoServer.onFreePort();
    private final CapturedConsole console = new CapturedConsole();

    @AfterEach
    void stop() {
        database.stop();
    }

    @Test
    void waitsForADatabaseThatComesUpDuringTheWaitThenLoadsTheWholeFile() {
        Executor later = CompletableFuture.delayedExecutor(DATABASE_STARTS_AFTER_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<StoppableMongoServer> started = CompletableFuture.supplyAsync(database::start, later);
        DatasetSource offline = new DatasetSource(
                URI.create("http://127.0.0.1:9/restaurant.json"),
                "0".repeat(64),
                directory.resolve("data/restaurant.json"));

        int status = new SeedCommand(Map.of("MONGODB_URI", database.uri()), offline, console.stdout(), console.stderr())
                .run("--wait-seconds", "30", "--file", Fixtures.restaurants().toString());

        assertThat(status)
                .as("the exit status; the errors:%n%s", console.errors())
                .isEqualTo(SeedCommand.OK);
        assertThat(started).as("the database, started while the seeder waited").isCompleted();
        assertThat(console.errors()).contains("seed: waiting for MongoDB (attempt 1)");
        assertThat(console.output()).contains("read 6, inserted 6, updated 0, unchanged 0, removed 0, rejected 0");
        try (MongoClient client = MongoClients.create(database.uri())) {
            assertThat(client.getDatabase(StoppableMongoServer.DATABASE)
                            .getCollection(StoppableMongoServer.COLLECTION)
                            .countDocuments())
                    .isEqualTo(6);
        }
    }
}
