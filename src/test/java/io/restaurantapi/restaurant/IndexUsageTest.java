package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.restaurant.RestaurantQuery.SortOrder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.TestDatabases;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list's filters and sorts are served from the indexes the seeder creates. Needs a backend that can
 * {@code explain} a query (a real MongoDB); skipped on the in-process server, which has no secondary indexes.
 */
class IndexUsageTest {

    private static MongoCollection<Document> restaurants;

    @BeforeAll
    static void seed() throws Exception {
        MongoDatabase database = TestDatabases.fresh("index_usage_test");
        new DatasetSeeder(database, "restaurant").seed(Fixtures.restaurants(), true);
        restaurants = database.getCollection("restaurant");
    }

    static List<RestaurantQuery> queries() {
        return List.of(
                new RestaurantQuery("Chinese", null, null, null, null, List.of(), null),
                new RestaurantQuery(null, "TE1", null, null, null, List.of(), null),
                new RestaurantQuery(null, null, "1AA", null, null, List.of(), null),
                new RestaurantQuery(null, null, null, null, 4.0, List.of(), null),
                new RestaurantQuery(
                        null, null, null, null, null, List.of(new SortOrder("name", false)), new Paging(1, 2)),
                new RestaurantQuery(
                        null, null, null, null, null, List.of(new SortOrder("rating", true)), new Paging(0, 2)));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void usesAnIndex(RestaurantQuery query) {
        Document plan = explain(query);

        assertThat(plan.toJson()).contains("\"IXSCAN\"").doesNotContain("\"COLLSCAN\"");
    }

    private static Document explain(RestaurantQuery query) {
        try {
            Document explained = restaurants
                    .find(RestaurantRepository.filter(query))
                    .sort(RestaurantRepository.sort(query))
                    .explain();
            Object winningPlan = explained.get("queryPlanner", Document.class).get("winningPlan");
            assumeTrue(winningPlan instanceof Document, "this MongoDB backend does not explain query plans");
            return (Document) winningPlan;
        } catch (MongoCommandException | NullPointerException e) {
            assumeTrue(false, "this MongoDB backend does not explain query plans: " + e.getMessage());
            throw e;
        }
    }
}
