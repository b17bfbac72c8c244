package io.restaurantapi.restaurant;

import static io.restaurantapi.support.DocumentedSortOrder.sorted;
import static io.restaurantapi.support.ListPages.assertPartitionInOrder;
import static io.restaurantapi.support.ListPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.ListPages;
import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code sort=…} over real HTTP on the full public dataset, against the order the README documents
 * ({@link io.restaurantapi.support.DocumentedSortOrder}): every key in both directions, several keys together, and every page of a sort.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SortOrderIT {

    private static final String DATABASE = "sort_order_it";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheDataset() throws Exception {
        PublicDataset.loadInto(DATABASE);
    }

    @LocalServerPort
    int port;

    private Http http;
    private List<JsonNode> everyRestaurant;

    @BeforeEach
    void readTheWholeList() {
        http = new Http(port);
        everyRestaurant = ListPages.all(http, "");
    }

    /** Every sort key in both directions, and keys together, ending ascending and descending. */
    static Stream<String> sorts() {
        Stream<String> single =
                RestaurantQueryParser.SORTABLE_FIELDS.stream().flatMap(key -> Stream.of(key, "-" + key));
        return Stream.concat(
                single, Stream.of("-rating,name", "type_of_food,-rating", "outcode,postcode", "-postcode,-name"));
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("sorts")
    void servesTheWholeListInTheDocumentedOrder(String sort) {
        assertThat(ids(ListPages.all(http, "sort=" + sort)))
                .containsExactlyElementsOf(ids(sorted(everyRestaurant, sort)));
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("sorts")
    void servesAFilteredListInTheDocumentedOrder(String sort) {
        assertThat(ids(ListPages.all(http, "type_of_food=PIZZA&sort=" + sort)))
                .containsExactlyElementsOf(ids(sorted(ofFood(everyRestaurant, "pizza"), sort)));
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("sorts")
    void pagesOfASortAreDisjointAndTogetherTheSortedList(String sort) {
        List<List<JsonNode>> pages = ListPages.every(http, "sort=" + sort, 100);

        assertThat(pages).hasSize(26);
        assertPartitionInOrder(pages, everyRestaurant, ListPages.all(http, "sort=" + sort));
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("sorts")
    void smallPagesOfAFilteredSortAreDisjointAndTogetherTheSortedList(String sort) {
        String query = "type_of_food=chinese&sort=" + sort;

        assertPartitionInOrder(
                ListPages.every(http, query, 9), ofFood(everyRestaurant, "chinese"), ListPages.all(http, query));
    }

    @Test
    void listsUnratedRestaurantsFirstUnderDescendingRating() {
        List<JsonNode> byRating = ListPages.all(http, "sort=-rating");

        assertThat(byRating.subList(0, 63))
                .allSatisfy(restaurant ->
                        assertThat(restaurant.get("rating").asString()).isEqualTo("Not yet rated"));
        assertThat(byRating.get(63).get("rating").isNumber()).isTrue();
    }

    /** The restaurants whose type of food is {@code food}, ignoring case, as the filter documents. */
    static List<JsonNode> ofFood(List<JsonNode> restaurants, String food) {
        return restaurants.stream()
                .filter(restaurant -> restaurant
                        .get("type_of_food")
                        .asString()
                        .toLowerCase(Locale.ROOT)
                        .equals(food))
                .toList();
    }
}
