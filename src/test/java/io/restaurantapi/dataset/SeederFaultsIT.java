package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.StoppableMongoServer;
import io.restaurantapi.support.TcpProxy;
import io.restaurantapi.support.TestDatabases;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeder on large made-up files when things go wrong: the database dies in the middle of a load, or the
 * file turns out to be bad near its end.
 */
class SeederFaultsIT {

    private static final int RESTAURANTS = 30_000;

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
                .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS))
                .retryWrites(false)
                .build());
    }

    /** A direct client, that the cut does not affect, to see what the database holds. */
    private MongoDatabase direct(MongoClient client) {
        return client.getDatabase(StoppableMongoServer.DATABASE);
    }

    private static List<BsonDocument> linesOf(Path file) throws IOException {
        List<BsonDocument> documents = new ArrayList<>();
        long number = 0;
        for (String line : Files.readAllLines(file)) {
            documents.add(DatasetLineParser.parse(++number, line));
        }
        documents.sort((a, b) -> a.getObjectId("_id").getValue().compareTo(b.getObjectId("_id").getValue()));
        return documents;
    }

    private static List<BsonDocument> stored(MongoDatabase database) {
        return database.getCollection(StoppableMongoServer.COLLECTION, BsonDocument.class)
                .find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void aReRunAfterTheDatabaseDiedMidLoadLeavesExactlyTheDataset() throws Exception {
        Path file = GeneratedDataset.write(directory.resolve("big.jsonl"), RESTAURANTS, 100);
        long fileSize = Files.size(file);
        proxy.cutAfterUpstreamBytes(fileSize / 2);

        try (MongoClient seedClient = clientThroughProxy();
             MongoClient directClient = MongoClients.create("mongodb://127.0.0.1:" + database.port())) {
            DatasetSeeder seeder = new DatasetSeeder(seedClient.getDatabase(StoppableMongoServer.DATABASE),
                    StoppableMongoServer.COLLECTION);

            assertThatThrownBy(() -> seeder.seed(file, false))
                    .as("the seeder fails when its database goes away").isInstanceOf(MongoException.class);
            assertThat(proxy.isCut()).isTrue();
            long partial = stored(direct(directClient)).size();
            assertThat(partial).as("documents written before the database died").isPositive().isLessThan(RESTAURANTS);

            proxy.restore();
            try (MongoClient rerunClient = clientThroughProxy()) {
                SeedReport rerun = new DatasetSeeder(rerunClient.getDatabase(StoppableMongoServer.DATABASE),
                        StoppableMongoServer.COLLECTION).seed(file, false);

                assertThat(rerun.complete()).isTrue();
                assertThat(rerun.read()).isEqualTo(RESTAURANTS);
                assertThat(rerun.inserted()).isEqualTo(RESTAURANTS - partial);
                assertThat(rerun.unchanged()).isEqualTo(partial);
            }
            assertThat(stored(direct(directClient))).as("the collection, document by document")
                    .isEqualTo(linesOf(file));
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
        Files.writeString(file, last.substring(0, last.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertStrictSeedWritesNothing(file, RESTAURANTS + 1L);
    }

    /** Runs the seeder in strict mode on the test backend and checks it refused the file untouched. */
    private static void assertStrictSeedWritesNothing(Path file, long badLine) throws IOException {
        MongoDatabase target = TestDatabases.fresh("seeder_faults_it");

        SeedReport report = new DatasetSeeder(target, "restaurant").seed(file, true);

        assertThat(report.rejected()).extracting(InvalidLineException::lineNumber).containsExactly(badLine);
        assertThat(report.inserted()).isZero();
        assertThat(target.listCollectionNames().into(new ArrayList<>())).as("collections after a refused strict load")
                .doesNotContain("restaurant", DatasetVersion.COLLECTION);
        assertThat(DatasetVersion.read(target, "restaurant")).isEqualTo(DatasetVersion.NONE);
    }
}
