package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSeederTest {

    private MongoDatabase database;
    private DatasetSeeder seeder;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("seeder_test");
        seeder = new DatasetSeeder(database, "restaurant");
    }

    private MongoCollection<BsonDocument> restaurants() {
        return database.getCollection("restaurant", BsonDocument.class);
    }

    private List<BsonDocument> stored() {
        return restaurants().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void loadsEveryDocumentExactlyAsWritten() throws Exception {
        SeedReport report = seeder.seed(Fixtures.restaurants(), false);

        assertThat(report).isEqualTo(new SeedReport(6, 6, 0, 0, 0, List.of()));
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(SeedFiles.documents(Fixtures.restaurants()));
    }

    @Test
    void runningTwiceChangesNothing() throws Exception {
        seeder.seed(Fixtures.restaurants(), false);
        List<BsonDocument> afterFirstRun = stored();

        SeedReport second = seeder.seed(Fixtures.restaurants(), false);

        assertThat(second).isEqualTo(new SeedReport(6, 0, 0, 6, 0, List.of()));
        assertThat(stored()).isEqualTo(afterFirstRun);
    }

    @Test
    void replacesADocumentThatChanged(@TempDir Path directory) throws Exception {
        seeder.seed(Fixtures.restaurants(), false);
        Path changed = directory.resolve("changed.jsonl");
        Files.writeString(
                changed, Files.readString(Fixtures.restaurants()).replace("\"Golden Wok\"", "\"Golden Wok II\""));

        SeedReport report = seeder.seed(changed, false);

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(5);
        assertThat(restaurants()
                        .find(Filters.eq("_id", new ObjectId("000000000000000000000001")))
                        .first()
                        .getString("name")
                        .getValue())
                .isEqualTo("Golden Wok II");
    }

    @Test
    void removesTheRestaurantsAShorterFileLacks(@TempDir Path directory) throws Exception {
        seeder.seed(Fixtures.restaurants(), false);
        List<String> lines = Files.readAllLines(Fixtures.restaurants());
        Path shorter = Files.write(directory.resolve("shorter.jsonl"), lines.subList(0, 4));

        SeedReport report = seeder.seed(shorter, false);

        assertThat(report).isEqualTo(new SeedReport(4, 0, 0, 4, 2, List.of()));
        assertThat(stored()).isEqualTo(SeedFiles.documents(shorter));
    }

    @Test
    void replacesWhateverElseTheCollectionHeld() throws Exception {
        restaurants()
                .insertOne(BsonDocument.parse(
                        "{\"_id\": {\"$oid\": \"0000000000000000000000ff\"}, \"name\": \"Added by hand\"}"));

        SeedReport report = seeder.seed(Fixtures.restaurants(), false);

        assertThat(report.removed()).isEqualTo(1);
        assertThat(stored()).isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
    }

    @Test
    void leavesNoStagingCollectionBehind() throws Exception {
        seeder.seed(Fixtures.restaurants(), false);

        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .containsExactlyInAnyOrder("restaurant", DatasetVersion.COLLECTION);
    }

    @Test
    void dropsOnlyTheStagingCollectionsThatDeadSeedersLeftOverAnHourAgo() throws Exception {
        Date twoHoursAgo = Date.from(Instant.now().minus(Duration.ofHours(2)));
        String abandoned = "restaurant" + DatasetSeeder.STAGING_INFIX + new ObjectId(twoHoursAgo).toHexString();
        String inUse = "restaurant" + DatasetSeeder.STAGING_INFIX + new ObjectId().toHexString();
        database.createCollection(abandoned);
        database.createCollection(inUse);

        seeder.seed(Fixtures.restaurants(), false);

        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains(inUse)
                .doesNotContain(abandoned);
    }

    /**
     * The file is a named pipe the test writes, so that the test decides when the seeder reads: it drops the staging
     * collection after the first batch, as a seeder that took it for abandoned would, then lets the seeder go on.
     */
    @Test
    void refusesToSwapInAStagingCollectionThatLostDocumentsUnderIt(@TempDir Path directory) throws Exception {
        seeder.seed(Fixtures.restaurants(), false);
        Path pipe = directory.resolve("pipe.jsonl");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .as("mkfifo's exit status")
                .isZero();
        ExecutorService seeding = Executors.newSingleThreadExecutor();
        try {
            Future<SeedReport> seed = seeding.submit(() -> seeder.seed(pipe, false));
            try (Writer lines = Files.newBufferedWriter(pipe)) {
                for (int i = 0; i <= DatasetSeeder.BATCH_SIZE; i++) {
                    lines.write(GeneratedDataset.line(i, 1) + "\n");
                    if (i == DatasetSeeder.BATCH_SIZE - 1) {
                        lines.flush();
                        awaitStagingCollection(DatasetSeeder.BATCH_SIZE).drop();
                    }
                }
            }

            assertThatThrownBy(seed::get)
                    .cause()
                    .isInstanceOf(MongoException.class)
                    .hasMessageContaining("holds 1 documents instead of " + (DatasetSeeder.BATCH_SIZE + 1))
                    .hasMessageEndingWith("the previous dataset was left in place");
        } finally {
            seeding.shutdownNow();
        }
        assertThat(stored()).isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
    }

    private MongoCollection<BsonDocument> awaitStagingCollection(long documents) throws InterruptedException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            for (String name : database.listCollectionNames()) {
                MongoCollection<BsonDocument> collection = database.getCollection(name, BsonDocument.class);
                if (name.startsWith("restaurant" + DatasetSeeder.STAGING_INFIX)
                        && collection.countDocuments() == documents) {
                    return collection;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no staging collection came to hold " + documents + " documents");
    }

    @Test
    void buildsTheListIndexesOnTheCollectionItSwapsIn() throws Exception {
        seeder.seed(Fixtures.restaurants(), false);

        assertThat(restaurants()
                        .listIndexes()
                        .map(index -> index.get("key", org.bson.Document.class)
                                .keySet()
                                .iterator()
                                .next())
                        .into(new ArrayList<>()))
                .containsAll(DatasetSeeder.INDEXED_FIELDS);
    }

    @Test
    void skipsBadLinesReportingEachWithItsNumber() throws Exception {
        SeedReport report = seeder.seed(Fixtures.dataset("with-bad-lines.jsonl"), false);

        assertThat(report.read()).isEqualTo(6);
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.rejected())
                .extracting(InvalidLineException::lineNumber)
                .containsExactly(2L, 3L, 5L, 6L);
        assertThat(report.complete()).isFalse();
        assertThat(restaurants().countDocuments()).isEqualTo(2);
    }

    @Test
    void strictModeWritesNothingWhenAnyLineIsBad() throws Exception {
        SeedReport report = seeder.seed(Fixtures.dataset("with-bad-lines.jsonl"), true);

        assertThat(report.rejected()).hasSize(4);
        assertThat(report.inserted()).isZero();
        assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("restaurant");
    }

    @Test
    void strictModeLeavesThePreviousDatasetWhenAnyLineIsBad() throws Exception {
        seeder.seed(Fixtures.restaurants(), false);

        seeder.seed(Fixtures.dataset("with-bad-lines.jsonl"), true);

        assertThat(stored()).isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
    }

    @Test
    void aSeedThatFailsToReadItsFileLeavesThePreviousDatasetAndNoStagingCollection(@TempDir Path notAFile)
            throws Exception {
        seeder.seed(Fixtures.restaurants(), false);

        assertThatThrownBy(() -> seeder.seed(notAFile, false)).isInstanceOf(java.io.IOException.class);

        assertThat(stored()).isEqualTo(SeedFiles.documents(Fixtures.restaurants()));
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .containsExactlyInAnyOrder("restaurant", DatasetVersion.COLLECTION);
    }

    @Test
    void strictModeRejectsATruncatedFileWithoutWriting() throws Exception {
        SeedReport report = seeder.seed(Fixtures.dataset("truncated.jsonl"), true);

        assertThat(report.rejected())
                .extracting(InvalidLineException::lineNumber)
                .containsExactly(2L);
        assertThat(restaurants().countDocuments()).isZero();
    }

    @Test
    void strictModeLoadsAValidFile() throws Exception {
        assertThat(seeder.seed(Fixtures.restaurants(), true).inserted()).isEqualTo(6);
    }

    @Test
    void reportsInvalidUtf8WithItsLineNumber(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("latin1.jsonl");
        Files.write(
                file,
                "{\"_id\":{\"$oid\":\"000000000000000000000001\"}}\n{\"name\":\"caf\u00e9\"}\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        SeedReport report = seeder.seed(file, true);

        assertThat(report.rejected()).singleElement().satisfies(line -> {
            assertThat(line.lineNumber()).isEqualTo(2);
            assertThat(line.getMessage()).isEqualTo("line 2: not valid UTF-8");
        });
    }

    @Test
    void returnsOnlyOnceReadersLeaseOnThePreviousVersionHasRunOut() throws Exception {
        seeder.seed(Fixtures.restaurants(), false);
        Date lastWrite =
                database.getCollection(DatasetVersion.COLLECTION).find().first().getDate("updatedAt");

        assertThat(System.currentTimeMillis() - lastWrite.getTime())
                .isGreaterThanOrEqualTo(DatasetVersion.READER_LEASE.toMillis());
    }

    @Test
    void changesTheDatasetVersionOnEveryRun() throws Exception {
        assertThat(DatasetVersion.read(database, "restaurant")).isEqualTo(DatasetVersion.NONE);

        seeder.seed(Fixtures.restaurants(), false);
        String first = DatasetVersion.read(database, "restaurant");
        seeder.seed(Fixtures.restaurants(), false);
        String second = DatasetVersion.read(database, "restaurant");

        assertThat(first).isNotEqualTo(DatasetVersion.NONE);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void twoSeedersAtOnceLeaveTheSameCollection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<SeedReport> run = () -> seeder.seed(Fixtures.restaurants(), false);
            List<Future<SeedReport>> runs = pool.invokeAll(List.of(run, run));
            for (Future<SeedReport> finished : runs) {
                assertThat(finished.get().complete()).isTrue();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(stored()).containsExactlyInAnyOrderElementsOf(SeedFiles.documents(Fixtures.restaurants()));
    }

    @Test
    void loadsMoreThanOneBatch(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("many.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DatasetSeeder.BATCH_SIZE * 2 + 1; i++) {
            lines.add("{\"_id\":{\"$oid\":\"" + new ObjectId().toHexString() + "\"},\"name\":\"R" + i + "\"}");
        }
        Files.write(file, lines);

        SeedReport report = seeder.seed(file, false);

        assertThat(report.inserted()).isEqualTo(lines.size());
        assertThat(restaurants().countDocuments()).isEqualTo(lines.size());
    }

    @Test
    void everyWriteWaitsForAMajorityBoundedByTheTimeout() throws Exception {
        Map<String, BsonValue> writeConcerns = new ConcurrentHashMap<>();
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (WRITES.contains(event.getCommandName())) {
                    writeConcerns.put(
                            event.getCommandName() + " "
                                    + event.getCommand()
                                            .getString(event.getCommandName())
                                            .getValue(),
                            // the command's buffer is reused once the listener returns: keep a copy
                            BsonDocument.parse(event.getCommand().toJson()).get("writeConcern", BsonNull.VALUE));
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.uri()))
                .addCommandListener(recorder)
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            new DatasetSeeder(client.getDatabase(database.getName()), "restaurant").seed(Fixtures.restaurants(), true);
        }

        assertThat(writeConcerns.keySet())
                .anyMatch(command -> command.startsWith("renameCollection"))
                .anyMatch(command -> command.startsWith("update " + DatasetVersion.COLLECTION));
        assertThat(writeConcerns)
                .allSatisfy((command, writeConcern) -> assertThat(writeConcern)
                        .as(command)
                        .isEqualTo(BsonDocument.parse("{w: 'majority', wtimeout: 10000}")));
    }

    private static final Set<String> WRITES =
            Set.of("create", "insert", "update", "delete", "createIndexes", "renameCollection", "drop");
}
