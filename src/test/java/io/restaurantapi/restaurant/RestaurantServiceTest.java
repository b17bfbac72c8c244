package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.TestMongo;
import io.restaurantapi.web.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

@DataMongoTest(
        properties = {
            "restaurant.collection=restaurant",
            "restaurant.response-cache.max-size=1MB",
            "restaurant.response-cache.max-cached-documents=5"
        })
@Import({RestaurantRepository.class, RestaurantService.class})
class RestaurantServiceTest {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("spring.mongodb.database", () -> "service_test");
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RestaurantService service;

    @Autowired
    RestaurantRepository repository;

    private long now;

    @TempDir
    Path directory;

    @BeforeEach
    void loadFixtures() throws Exception {
        mongo.getDb().drop();
        seed(Fixtures.restaurants());
    }

    private void seed(Path file) throws Exception {
        new DatasetSeeder(mongo.getDb(), "restaurant").seed(file, true);
    }

    private static String json(JsonBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A service whose clock the test moves, keeping responses for at most {@code maxAge}. */
    private RestaurantService serviceKeepingFor(Duration maxAge) {
        return new RestaurantService(
                repository, new ResponseCacheProperties(DataSize.ofMegabytes(1), 5, maxAge), () -> now);
    }

    /** A change made the way an operator's fix in mongosh is: straight into the collection, the version untouched. */
    private void renameGoldenWokInPlace() {
        mongo.getCollection("restaurant")
                .updateOne(
                        Filters.eq("_id", new ObjectId("000000000000000000000001")),
                        Updates.set("name", "Fixed By Hand"));
    }

    private static RestaurantQuery page(int page, int size) {
        return new RestaurantQuery(null, null, null, null, null, List.of(), new Paging(page, size));
    }

    @Test
    void rendersOneRestaurantWithItsIdAsAString() throws Exception {
        String json = json(service.findById("000000000000000000000004").body());

        assertThat(json).startsWith("{\"_id\": \"000000000000000000000004\"").contains("\"address\": 42");
    }

    @Test
    void refusesAnIdThatIsNotAnObjectId() {
        assertThatThrownBy(() -> service.findById("12345")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void reportsAnAbsentRestaurant() {
        assertThatThrownBy(() -> service.findById("0000000000000000000000ff"))
                .isInstanceOf(RestaurantNotFoundException.class);
    }

    @Test
    void givesEqualContentEqualTagsAndDifferentContentDifferentTags() {
        assertThat(service.findById("000000000000000000000001").etag())
                .isEqualTo(service.findById("000000000000000000000001").etag())
                .isNotEqualTo(service.findById("000000000000000000000002").etag());
    }

    @Test
    void keepsARenderedPageUntilTheDatasetChanges() {
        RestaurantList first = service.list(page(0, 2));

        assertThat(service.list(page(0, 2))).isSameAs(first);
    }

    @Test
    void seesAReseedOnTheVeryNextRequest() throws Exception {
        RestaurantList before = service.list(page(0, 2));
        Path renamed = Files.writeString(
                directory.resolve("renamed.jsonl"),
                Files.readString(Fixtures.restaurants()).replace("\"Golden Wok\"", "\"Silver Wok\""));

        seed(renamed);
        RestaurantList after = service.list(page(0, 2));

        assertThat(json(after.body())).contains("Silver Wok").doesNotContain("\"Golden Wok\"");
        assertThat(after.etag()).isNotEqualTo(before.etag());
    }

    @Test
    void keepsARenderedRestaurantUntilTheDatasetChanges() {
        RestaurantJsonObject first = service.findById("000000000000000000000001");

        assertThat(service.findById("000000000000000000000001")).isSameAs(first);
    }

    @Test
    void seesAReseedOfARestaurantOnTheVeryNextRequest() throws Exception {
        RestaurantJsonObject before = service.findById("000000000000000000000001");
        Path renamed = Files.writeString(
                directory.resolve("renamed.jsonl"),
                Files.readString(Fixtures.restaurants()).replace("\"Golden Wok\"", "\"Silver Wok\""));

        seed(renamed);
        RestaurantJsonObject after = service.findById("000000000000000000000001");

        assertThat(json(after.body())).contains("\"Silver Wok\"");
        assertThat(after.etag()).isNotEqualTo(before.etag());
    }

    @Test
    void servesAKeptResponseUntilItIsMaxAgeOld() throws Exception {
        RestaurantService keeping = serviceKeepingFor(Duration.ofSeconds(60));
        keeping.findById("000000000000000000000001");
        renameGoldenWokInPlace();

        now += Duration.ofSeconds(60).toNanos() - 1;

        assertThat(json(keeping.findById("000000000000000000000001").body())).contains("\"Golden Wok\"");
    }

    @Test
    void readsAgainOnceAKeptResponseIsOlderThanMaxAge() throws Exception {
        RestaurantService keeping = serviceKeepingFor(Duration.ofSeconds(60));
        RestaurantList before = keeping.list(page(0, 2));
        renameGoldenWokInPlace();

        now += Duration.ofSeconds(60).toNanos() + 1;
        RestaurantList after = keeping.list(page(0, 2));

        assertThat(json(after.body())).contains("\"Fixed By Hand\"");
        assertThat(after.etag()).isNotEqualTo(before.etag());
    }

    @Test
    void givesAStreamedListANewEntityTagOnceMaxAgeHasPassed() {
        RestaurantService keeping = serviceKeepingFor(Duration.ofSeconds(60));
        String first = keeping.list(RestaurantQuery.ALL).etag();

        now += Duration.ofSeconds(60).toNanos() + 1;

        assertThat(keeping.list(RestaurantQuery.ALL).etag()).isNotEqualTo(first);
    }

    @Test
    void keepsNothingWhenMaxAgeIsZero() throws Exception {
        RestaurantService keepingNothing = serviceKeepingFor(Duration.ZERO);
        keepingNothing.findById("000000000000000000000001");
        renameGoldenWokInPlace();

        assertThat(json(keepingNothing.findById("000000000000000000000001").body()))
                .contains("\"Fixed By Hand\"");
    }

    @Test
    void seesAReseedOnTheNextRequestHoweverLongItKeepsResponses() throws Exception {
        RestaurantService keeping = new RestaurantService(
                repository, new ResponseCacheProperties(DataSize.ofMegabytes(1), 5, Duration.ofDays(365)));
        keeping.findById("000000000000000000000001");
        Path renamed = Files.writeString(
                directory.resolve("renamed.jsonl"),
                Files.readString(Fixtures.restaurants()).replace("\"Golden Wok\"", "\"Silver Wok\""));

        seed(renamed);

        assertThat(json(keeping.findById("000000000000000000000001").body())).contains("\"Silver Wok\"");
    }

    @Test
    void countsEveryMatchForAPage() {
        assertThat(service.list(page(1, 4)).totalCount()).isEqualTo(6);
    }

    @Test
    void streamsTheUnpagedListOfACollectionTooLargeToKeep() throws Exception {
        RestaurantList list = service.list(RestaurantQuery.ALL);

        assertThat(list.body()).isInstanceOf(StreamedJsonArray.class);
        assertThat(list.body().contentLength()).isEqualTo(-1);
        assertThat(json(list.body()))
                .startsWith("[{\"_id\": \"000000000000000000000001\"")
                .endsWith("}]");
        assertThat(list.etag()).isEqualTo(service.list(RestaurantQuery.ALL).etag());
    }

    @Test
    void keepsTheDecisionToStreamALargeListUntilTheDatasetChanges() {
        RestaurantList first = service.list(RestaurantQuery.ALL);

        assertThat(service.list(RestaurantQuery.ALL)).isSameAs(first);
    }

    @Test
    void rendersAnEmptyResultAsAnEmptyArray() throws Exception {
        RestaurantQuery nothing = new RestaurantQuery("Martian", null, null, null, null, List.of(), new Paging(0, 10));

        assertThat(json(service.list(nothing).body())).isEqualTo("[]");
    }
}
