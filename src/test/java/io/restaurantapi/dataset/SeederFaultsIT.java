package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.restaurantapi.support.ChildProcessApp;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.StoppableMongoServer;
import io.restaurantapi.support.TcpProxy;
import io.restaurantapi.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeder on large made-up files when things go wrong: the database goes away in the middle of a load, the
 * seeder's process is killed, or the file turns out to be bad near its end. Whatever happens, clients go on being
 * served the previous dataset, whole.
 */
class SeederFaultsIT {

    private static final int RESTAURANTS = 30_000;
    private static final String GOLDEN_WOK = "000000000000000000000001";

    @TempDir
    Path directory;

    private StoppableMongoServer database;
    private TcpProxy proxy;

    @BeforeEach
    void databaseBehindAProxy() {
        database = StoppableMongoServer.onFreePort().start();
        proxy = TcpProxy.to(database.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        database.stop();
    }

    /** A client as impatient as the seed command's, through the proxy that the test can cut. */
    private MongoClient clientThroughProxy() {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + proxy.port()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(1, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS))
                .retryWrites(false)
                .build());
    }

    /** A direct client, that the cut does not affect, to see what the database holds. */
    private MongoClient directClient() {
        return MongoClients.create("mongodb://127.0.0.1:" + database.port());
    }

    private static MongoDatabase direct(MongoClient client) {
        return client.getDatabase(StoppableMongoServer.DATABASE);
    }

    private static List<BsonDocument> stored(MongoDatabase database) {
        return database.getCollection(StoppableMongoServer.COLLECTION, BsonDocument.class)
                .find()
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    /** Documents in the staging collections that seeders left behind. */
    private static long staged(MongoDatabase database) {
        long documents = 0;
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(StoppableMongoServer.COLLECTION + DatasetSeeder.STAGING_INFIX)) {
                documents += database.getCollection(name).countDocuments();
            }
        }
        return documents;
    }

    /** The packaged service, reading the database directly: what clients see while and after a seed fails. */
    private ChildProcessApp service(String name) {
        return ChildProcessApp.start(name, database.uri()).awaitLive(Duration.ofSeconds(60));
    }

    /** The service serves {@code count} restaurants, Golden Wok among them only if it serves the old fixtures. */
    private static void assertServes(Http http, int count, boolean oldFixtures) {
        assertThat(http.get("/api/v1/restaurant?page=0&size=1").headers().firstValue("X-Total-Count"))
                .as("restaurants served")
                .hasValue(String.valueOf(count));
        assertThat(http.get("/api/v1/restaurant/" + GOLDEN_WOK).statusCode())
                .as("Golden Wok, of the old fixtures")
                .isEqualTo(oldFixtures ? 200 : 404);
        assertThat(http.get("/api/v1/restaurant/" + GeneratedDataset.id(RESTAURANTS - 1))
                        .statusCode())
                .as("the last restaurant of the new file")
                .isEqualTo(oldFixtures ? 404 : 200);
    }

    @Test
    void aSeederCutOffFromItsDatabaseMidLoadLeavesTheOldDataServedAndARerunCompletes() throws Exception {
        database.seed(Fixtures.restaurants());
        Path file = GeneratedDataset.write(directory.resolve("big.jsonl"), RESTAURANTS, 100);
        proxy.cutAfterUpstreamBytes(Files.size(file) / 2);

        try (ChildProcessApp service = service("seeder-cut-off");
                MongoClient seedClient = clientThroughProxy();
                MongoClient directClient = directClient()) {
            DatasetSeeder seeder = new DatasetSeeder(
                    seedClient.getDatabase(StoppableMongoServer.DATABASE), StoppableMongoServer.COLLECTION);

            assertThatThrownBy(() -> seeder.seed(file, false))
                    .as("the seeder fails when its database goes away")
                    .isInstanceOf(MongoException.class);
            assertThat(proxy.isCut()).isTrue();
            assertThat(staged(direct(directClient)))
                    .as("documents loaded before the database went away")
                    .isPositive()
                    .isLessThan(RESTAURANTS);
            assertThat(stored(direct(directClient)))
                    .as("the collection after the failed seed")
                    .isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
            assertServes(service.http(), 6, true);

            proxy.restore();
            try (MongoClient rerunClient = clientThroughProxy()) {
                SeedReport rerun = new DatasetSeeder(
                                rerunClient.getDatabase(StoppableMongoServer.DATABASE), StoppableMongoServer.COLLECTION)
                        .seed(file, false);

                assertThat(rerun).isEqualTo(new SeedReport(RESTAURANTS, RESTAURANTS, 0, 0, 6, List.of()));
            }
            assertThat(stored(direct(directClient)))
                    .as("the collection, document by document")
                    .isEqualTo(SeedFiles.documents(file));
            assertServes(service.http(), RESTAURANTS, false);
        }
    }

    @Test
    void aSeederProcessKilledMidLoadLeavesTheOldDataServedAndARerunCompletes() throws Exception {
        database.seed(Fixtures.restaurants());
        Path file = GeneratedDataset.write(directory.resolve("big.jsonl"), RESTAURANTS, 100);

        try (ChildProcessApp service = service("seeder-killed");
                MongoClient directClient = directClient();
                ChildProcessApp seedProcess = ChildProcessApp.start(
                        "seeder-killed-seed", database.uri(), "seed", "--file", file.toString())) {
            MongoDatabase direct = direct(directClient);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (staged(direct) == 0
                    && Instant.now().isBefore(deadline)
                    && seedProcess.process().isAlive()) {
                ChildProcessApp.sleep(Duration.ofMillis(10));
            }
            seedProcess.process().destroyForcibly();
            seedProcess.awaitExit(Duration.ofSeconds(10));

            assertThat(staged(direct))
                    .as("documents loaded before the kill; the seed log ends:%n%s", seedProcess.logTail())
                    .isPositive()
                    .isLessThan(RESTAURANTS);
            assertThat(stored(direct))
                    .as("the collection after the killed seed")
                    .isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
            assertServes(service.http(), 6, true);

            try (ChildProcessApp rerun =
                    ChildProcessApp.start("seeder-killed-rerun", database.uri(), "seed", "--file", file.toString())) {
                assertThat(rerun.awaitExit(Duration.ofSeconds(120)))
                        .as("the re-run's exit status; its log ends:%n%s", rerun.logTail())
                        .isEqualTo(SeedCommand.OK);
            }
            assertThat(stored(direct))
                    .as("the collection, document by document")
                    .isEqualTo(SeedFiles.documents(file));
            assertServes(service.http(), RESTAURANTS, false);
        }
    }

    @Test
    void strictModeWritesNothingWhenALineNearTheEndOfALargeFileIsCorrupt() throws Exception {
        Path file = GeneratedDataset.write(directory.resolve("corrupt-near-end.jsonl"), RESTAURANTS, 100);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int corrupt = RESTAURANTS - 3;
        lines.set(corrupt, lines.get(corrupt).replace("\"name\":", "\"name\" "));
        Files.write(file, lines);

        assertStrictSeedWritesNothing(file, corrupt + 1L);
    }

    @Test
    void strictModeWritesNothingWhenALargeFileIsTruncatedMidLine() throws Exception {
        Path file = GeneratedDataset.write(directory.resolve("truncated.jsonl"), RESTAURANTS, 100);
        String last = GeneratedDataset.line(RESTAURANTS, 100);
        Files.writeString(
                file, last.substring(0, last.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertStrictSeedWritesNothing(file, RESTAURANTS + 1L);
    }

    /** Runs the seeder in strict mode on the test backend and checks it refused the file untouched. */
    private static void assertStrictSeedWritesNothing(Path file, long badLine) throws IOException {
        MongoDatabase target = TestDatabases.fresh("seeder_faults_it");

        SeedReport report = new DatasetSeeder(target, "restaurant").seed(file, true);

        assertThat(report.rejected())
                .extracting(InvalidLineException::lineNumber)
                .containsExactly(badLine);
        assertThat(report.inserted()).isZero();
        assertThat(target.listCollectionNames().into(new ArrayList<>()))
                .as("collections after a refused strict load")
                .doesNotContain("restaurant", DatasetVersion.COLLECTION);
        assertThat(DatasetVersion.read(target, "restaurant")).isEqualTo(DatasetVersion.NONE);
    }
}
