package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/** What a change reported to the service makes it serve afresh, with kept responses that would otherwise last. */
class RestaurantServiceForgettingTest {

    private static final ObjectId GOLDEN_WOK = new ObjectId("000000000000000000000001");
    private static final ObjectId GOLDEN_WOK_EXPRESS = new ObjectId("000000000000000000000002");
    private static final ResponseCacheProperties KEEP_AN_HOUR =
            new ResponseCacheProperties(DataSize.ofMegabytes(1), 100, Duration.ofHours(1));

    private MongoDatabase database;
    private CountingRepository repository;
    private RestaurantService service;

    @BeforeEach
    void seed() throws Exception {
        database = TestDatabases.fresh("service_forgetting_test");
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        repository = new CountingRepository(new MongoTemplate(TestDatabases.client(), database.getName()));
        service = new RestaurantService(repository, KEEP_AN_HOUR);
    }

    private void rename(ObjectId id, String name) {
        database.getCollection("restaurant").updateOne(Filters.eq("_id", id), Updates.set("name", name));
    }

    private String nameOf(ObjectId id) throws Exception {
        return json(service.findById(id.toHexString()).body());
    }

    private static String json(JsonBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void forgettingARestaurantServesItAndEveryListAfreshAndKeepsTheOthers() throws Exception {
        nameOf(GOLDEN_WOK);
        nameOf(GOLDEN_WOK_EXPRESS);
        service.list(RestaurantQuery.ALL);
        rename(GOLDEN_WOK, "Silver Wok");
        rename(GOLDEN_WOK_EXPRESS, "Silver Wok Express");

        service.forgetRestaurant(GOLDEN_WOK);

        assertThat(nameOf(GOLDEN_WOK)).contains("Silver Wok").doesNotContain("Golden Wok");
        assertThat(json(service.list(RestaurantQuery.ALL).body())).contains("\"Silver Wok\"");
        assertThat(nameOf(GOLDEN_WOK_EXPRESS)).as("kept").contains("Golden Wok Express");
    }

    @Test
    void forgettingEverythingServesEveryRestaurantAfresh() throws Exception {
        nameOf(GOLDEN_WOK_EXPRESS);
        rename(GOLDEN_WOK_EXPRESS, "Silver Wok Express");

        service.forgetAll();

        assertThat(nameOf(GOLDEN_WOK_EXPRESS)).contains("Silver Wok Express");
    }

    @Test
    void keepsNoResponseRenderedWhileSomethingWasForgotten() throws Exception {
        repository.duringNextRead = () -> service.forgetRestaurant(GOLDEN_WOK_EXPRESS);
        nameOf(GOLDEN_WOK);

        nameOf(GOLDEN_WOK);

        assertThat(repository.reads).as("reads of the restaurant").isEqualTo(2);
    }

    @Test
    void keepsWhatNothingWasForgottenFor() throws Exception {
        nameOf(GOLDEN_WOK);

        nameOf(GOLDEN_WOK);

        assertThat(repository.reads).as("reads of the restaurant").isEqualTo(1);
    }

    /** Counts reads of single restaurants, and runs a change reported while one is being read. */
    private static final class CountingRepository extends RestaurantRepository {

        private int reads;
        private Runnable duringNextRead = () -> {};

        CountingRepository(MongoTemplate mongo) {
            super(mongo, "restaurant");
        }

        @Override
        public Optional<RawBsonDocument> findById(ObjectId id) {
            reads++;
            Optional<RawBsonDocument> found = super.findById(id);
            Runnable change = duringNextRead;
            duringNextRead = () -> {};
            change.run();
            return found;
        }
    }
}
