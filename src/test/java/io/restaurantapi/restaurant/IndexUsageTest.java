package io.restaurantapi.restaurant;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoDatabase;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.restaurant.RestaurantQuery.SortOrder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.QueryPlan;
import io.restaurantapi.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The list's filters and sorts are served from the index the seeder creates for their field. Explains the very find
 * {@link RestaurantRepository} runs, and the filter its count sends. Needs a backend that can {@code explain} a
 * query (a real MongoDB); skipped on the in-process server, which cannot.
 */
class IndexUsageTest {

    private static final String DATABASE = "index_usage_test";

    private static MongoDatabase database;
    private static RestaurantRepository repository;

    @BeforeAll
    static void seed() throws Exception {
        database = TestDatabases.fresh(DATABASE);
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        repository = new RestaurantRepository(new MongoTemplate(TestDatabases.client(), DATABASE), "restaurant");
    }

    private static RestaurantQuery filtered(String typeOfFood, String outcode, String postcode, Double minRating) {
        return new RestaurantQuery(typeOfFood, outcode, postcode, null, minRating, List.of(), null);
    }

    private static RestaurantQuery sortedPage(String field, boolean descending) {
        return new RestaurantQuery(
                null, null, null, null, null, List.of(new SortOrder(field, descending)), new Paging(1, 2));
    }

    /** Each kind of list query the service sends, and the field whose index should serve it. */
    static List<Arguments> finds() {
        return List.of(
                Arguments.of("type_of_food", filtered("Chinese", null, null, null)),
                Arguments.of("outcode", filtered(null, "TE1", null, null)),
                Arguments.of("postcode", filtered(null, null, "1AA", null)),
                Arguments.of("rating", filtered(null, null, null, 4.0)),
                Arguments.of("name", sortedPage("name", true)),
                Arguments.of("name", sortedPage("name", false)),
                Arguments.of("rating", sortedPage("rating", false)));
    }

    /** The filters a page's total is counted with. */
    static List<Arguments> counts() {
        return List.of(
                Arguments.of("type_of_food", filtered("Chinese", null, null, null)),
                Arguments.of("outcode", filtered(null, "TE1", null, null)),
                Arguments.of("postcode", filtered(null, null, "1AA", null)),
                Arguments.of("rating", filtered(null, null, null, 4.0)));
    }

    @ParameterizedTest(name = "{1} uses the {0} index")
    @MethodSource("finds")
    void theListReadsThroughTheIndexOfItsField(String field, RestaurantQuery query) {
        QueryPlan plan = explain(repository.find(query));

        plan.assertScansOnly(seededIndexOn(field));
    }

    @ParameterizedTest(name = "the count of {1} uses the {0} index")
    @MethodSource("counts")
    void theTotalIsCountedThroughTheIndexOfItsField(String field, RestaurantQuery query) {
        QueryPlan plan = explain(database.getCollection("restaurant").find(RestaurantRepository.filter(query)));

        plan.assertScansOnly(seededIndexOn(field));
    }

    /** The key pattern of the index the seeder created whose first key is {@code field}. */
    private static Document seededIndexOn(String field) {
        List<Document> keys = database.getCollection("restaurant")
                .listIndexes()
                .map(index -> index.get("key", Document.class))
                .into(new ArrayList<>());
        return keys.stream()
                .filter(key -> key.keySet().iterator().next().equals(field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the seeder created no index on " + field + ": " + keys));
    }

    private static QueryPlan explain(FindIterable<?> find) {
        Document explained;
        try {
            explained = find.explain();
        } catch (MongoCommandException e) {
            assumeTrue(false, "this MongoDB backend cannot explain a query: " + e.getErrorMessage());
            throw e;
        }
        assumeTrue(
                explained.get("queryPlanner") instanceof Document,
                "this MongoDB backend cannot explain a query: " + explained.toJson());
        return QueryPlan.winning(explained);
    }
}
