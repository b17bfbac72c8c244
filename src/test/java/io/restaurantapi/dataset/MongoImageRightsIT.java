package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.GeneratedDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The users that {@code Dockerfile.mongo}'s image creates, on that very image: the API's user reads and cannot
 * change anything; the seeder's user can do all a seed does, the swap included. Needs a Docker engine (the
 * pipeline's test job has one); skipped without.
 */
class MongoImageRightsIT {

    private static final String DATABASE = "restaurant";
    private static final String COLLECTION = "restaurant";
    private static final String APP_USER = "restaurant-api";
    private static final String SEED_USER = "restaurant-seed";
    private static final String PASSWORD = "made-up-test-password";
    private static final int UNAUTHORIZED = 13;

    private static GenericContainer<?> mongo;

    @TempDir
    Path directory;

    /** Per test, not per class, so that without Docker each test is reported skipped with the reason. */
    @BeforeEach
    void startTheImageOnce() {
        assumeTrue(
                DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine to build and run Dockerfile.mongo's image");
        if (mongo != null) {
            return;
        }
        ImageFromDockerfile image = new ImageFromDockerfile("restaurant-api-mongo-rights-it")
                .withDockerfilePath("Dockerfile.mongo")
                .withFileFromPath("Dockerfile.mongo", Path.of("Dockerfile.mongo"))
                .withFileFromPath("charts/mongo/files/create-users.js", Path.of("charts/mongo/files/create-users.js"));
        mongo = new GenericContainer<>(image)
                .withExposedPorts(27017)
                .withEnv("MONGO_INITDB_ROOT_USERNAME", "root")
                .withEnv("MONGO_INITDB_ROOT_PASSWORD", PASSWORD)
                .withEnv("MONGO_APP_DATABASE", DATABASE)
                .withEnv("MONGO_APP_USERNAME", APP_USER)
                .withEnv("MONGO_APP_PASSWORD", PASSWORD)
                .withEnv("MONGO_SEED_USERNAME", SEED_USER)
                .withEnv("MONGO_SEED_PASSWORD", PASSWORD)
                // the image's own HEALTHCHECK turns healthy only once the users exist and the real server listens
                .waitingFor(Wait.forHealthcheck());
        mongo.start();
    }

    @AfterAll
    static void stopTheImage() {
        if (mongo != null) {
            mongo.stop();
        }
    }

    private static MongoClient clientAs(String user) {
        return MongoClients.create("mongodb://" + user + ":" + PASSWORD + "@" + mongo.getHost() + ":"
                + mongo.getMappedPort(27017) + "/" + DATABASE + "?authSource=" + DATABASE);
    }

    private static void seedAs(String user, Path file) throws Exception {
        try (MongoClient client = clientAs(user)) {
            SeedReport report = new DatasetSeeder(client.getDatabase(DATABASE), COLLECTION).seed(file, true);
            assertThat(report.complete()).as("the seed of %s", file).isTrue();
        }
    }

    private static void assertUnauthorized(String operation, ThrowingCallable write) {
        assertThatThrownBy(write)
                .as(operation)
                .isInstanceOf(MongoServerException.class)
                .extracting(e -> ((MongoServerException) e).getCode())
                .isEqualTo(UNAUTHORIZED);
    }

    @Test
    void theSeedUserSeedsAndReseedsThroughTheStagingSwap() throws Exception {
        Path generated = GeneratedDataset.write(directory.resolve("generated.jsonl"), 50, 10);

        seedAs(SEED_USER, Fixtures.restaurants());
        seedAs(SEED_USER, generated);

        try (MongoClient client = clientAs(APP_USER)) {
            MongoDatabase database = client.getDatabase(DATABASE);
            assertThat(database.getCollection(COLLECTION).countDocuments()).isEqualTo(50);
            assertThat(database.getCollection(COLLECTION)
                            .find(Filters.eq("_id", new ObjectId(GeneratedDataset.id(49))))
                            .first())
                    .as("the last restaurant of the second file, read by the app user")
                    .isNotNull();
            assertThat(database.listCollectionNames().into(new ArrayList<>()))
                    .as("collections after two seeds")
                    .noneMatch(name -> name.contains(DatasetSeeder.STAGING_INFIX));
        }
    }

    @Test
    void theAppUserReadsButCannotChangeAnything() throws Exception {
        seedAs(SEED_USER, Fixtures.restaurants());

        try (MongoClient client = clientAs(APP_USER)) {
            MongoDatabase database = client.getDatabase(DATABASE);
            MongoCollection<Document> restaurants = database.getCollection(COLLECTION);
            assertThat(restaurants.countDocuments()).isEqualTo(6);
            assertThat(restaurants.find().into(new ArrayList<>())).hasSize(6);

            assertUnauthorized("insertOne", () -> restaurants.insertOne(new Document("name", "Made Up")));
            assertUnauthorized(
                    "updateOne", () -> restaurants.updateOne(Filters.empty(), Updates.set("name", "Made Up")));
            assertUnauthorized("deleteOne", () -> restaurants.deleteOne(Filters.empty()));
            assertUnauthorized("createIndex", () -> restaurants.createIndex(Indexes.ascending("address")));
            assertUnauthorized(
                    "renameCollection", () -> restaurants.renameCollection(new MongoNamespace(DATABASE, "renamed")));
            assertUnauthorized("drop", restaurants::drop);
            assertThat(restaurants.countDocuments())
                    .as("restaurants after the refused writes")
                    .isEqualTo(6);
        }
    }

    @Test
    void theSeedUserCannotManageUsers() {
        try (MongoClient client = clientAs(SEED_USER)) {
            assertUnauthorized(
                    "createUser",
                    () -> client.getDatabase(DATABASE)
                            .runCommand(new Document("createUser", "intruder")
                                    .append("pwd", PASSWORD)
                                    .append("roles", List.of("readWrite"))));
        }
    }
}
