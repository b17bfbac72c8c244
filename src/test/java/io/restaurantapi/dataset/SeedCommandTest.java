package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.CapturedConsole;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {

    private static final String DATABASE = "seed_command_test";

    @TempDir
    Path directory;

    private final CapturedConsole console = new CapturedConsole();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void environment() {
        TestDatabases.fresh(DATABASE);
        environment.put("MONGODB_URI", TestMongo.uri());
        environment.put("MONGODB_DATABASE", DATABASE);
    }

    private int seed(String... args) {
        DatasetSource offline = new DatasetSource(
                URI.create("http://127.0.0.1:9/restaurant.json"),
                "0".repeat(64),
                directory.resolve("data/restaurant.json"));
        return new SeedCommand(environment, offline, console.stdout(), console.stderr()).run(args);
    }

    private String output() {
        return console.output();
    }

    private String errors() {
        return console.errors();
    }

    @Test
    void loadsTheFileAndPrintsASummary() {
        int status = seed("--file", Fixtures.restaurants().toString());

        assertThat(status).isEqualTo(SeedCommand.OK);
        assertThat(output()).contains("read 6, inserted 6, updated 0, unchanged 0, removed 0, rejected 0");
        assertThat(TestDatabases.client()
                        .getDatabase(DATABASE)
                        .getCollection("restaurant")
                        .countDocuments())
                .isEqualTo(6);
    }

    @Test
    void takesTheFileFromRestaurantDatasetWhenNoFileIsGiven() {
        environment.put("RESTAURANT_DATASET", Fixtures.restaurants().toString());

        assertThat(seed()).isEqualTo(SeedCommand.OK);
        assertThat(output()).contains("inserted 6");
    }

    @Test
    void exitsWithOneAndListsRejectedLines() {
        int status = seed("--file", Fixtures.dataset("with-bad-lines.jsonl").toString());

        assertThat(status).isEqualTo(SeedCommand.LINES_REJECTED);
        assertThat(errors()).contains("rejected line 2: malformed JSON", "rejected line 3: missing _id");
    }

    @Test
    void strictModeSaysNothingWasWritten() {
        int status =
                seed("--strict", "--file", Fixtures.dataset("truncated.jsonl").toString());

        assertThat(status).isEqualTo(SeedCommand.LINES_REJECTED);
        assertThat(errors()).contains("strict mode: the file has bad lines, nothing was written");
    }

    @Test
    void printsUsageForHelp() {
        assertThat(seed("--help")).isEqualTo(SeedCommand.OK);
        assertThat(output()).startsWith("Usage: java -jar restaurant-api.jar seed");
    }

    @Test
    void rejectsAnUnknownArgument() {
        assertThat(seed("--fast")).isEqualTo(SeedCommand.USAGE);
        assertThat(errors()).startsWith("seed: unknown argument '--fast'");
    }

    @Test
    void rejectsAFileOptionWithoutAValue() {
        assertThat(seed("--file")).isEqualTo(SeedCommand.USAGE);
        assertThat(errors()).startsWith("seed: --file needs a value");
    }

    @Test
    void rejectsABadWait() {
        assertThat(seed("--wait-seconds", "soon")).isEqualTo(SeedCommand.USAGE);
        assertThat(errors()).contains("--wait-seconds must be a whole number from 0 to 3600");
    }

    @Test
    void needsMongodbUri() {
        environment.remove("MONGODB_URI");

        assertThat(seed("--file", Fixtures.restaurants().toString())).isEqualTo(SeedCommand.USAGE);
        assertThat(errors()).startsWith("seed: MONGODB_URI is not set");
    }

    @Test
    void rejectsAMalformedMongodbUri() {
        environment.put("MONGODB_URI", "postgres://localhost");

        assertThat(seed("--file", Fixtures.restaurants().toString())).isEqualTo(SeedCommand.USAGE);
        assertThat(errors()).startsWith("seed: MONGODB_URI is not a valid MongoDB connection string");
    }

    @Test
    void reportsAMissingFile() {
        assertThat(seed("--file", directory.resolve("absent.json").toString()))
                .isEqualTo(SeedCommand.DATASET_UNAVAILABLE);
        assertThat(errors()).contains("absent.json does not exist or cannot be read");
    }

    @Test
    void reportsADatasetThatCannotBeDownloaded() {
        assertThat(seed()).isEqualTo(SeedCommand.DATASET_UNAVAILABLE);
        assertThat(errors()).contains("cannot download the dataset", "--file PATH", "RESTAURANT_DATASET");
    }

    @Test
    void givesUpOnAnUnreachableDatabaseAfterTheWait() {
        environment.put("MONGODB_URI", "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=200");

        int status =
                seed("--wait-seconds", "1", "--file", Fixtures.restaurants().toString());

        assertThat(status).isEqualTo(SeedCommand.DATABASE_UNAVAILABLE);
        assertThat(errors()).contains("waiting for MongoDB (attempt 1)", "not reachable after 1 s");
    }
}
