package io.restaurantapi.restaurant;

import static io.restaurantapi.support.DocumentedSortOrder.sorted;
import static io.restaurantapi.support.ListPages.assertPartitionInOrder;
import static io.restaurantapi.support.ListPages.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.ListPages;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code sort=…} over real HTTP on made-up restaurants that tie: equal names and ratings, a rating stored as an
 * int, a long and a double of the same value, string, null and missing ratings, names that differ only in case or
 * start with a digit or a non-ASCII letter, stored in an order that is not {@code _id} order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SortTiesIT {

    private static final String DATABASE = "sort_ties_it";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheFixture() throws Exception {
        assertThat(new DatasetSeeder(TestDatabases.fresh(DATABASE), "restaurant")
                        .seed(Fixtures.dataset("sort-ties.jsonl"), true)
                        .complete())
                .isTrue();
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

    /** The orders worked out by hand from the README, ids shortened to their last two hex digits. */
    @ParameterizedTest(name = "sort={0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "rating       | 02 04 0d 05 03 08 0a 0b 0c 06 01 07 09 0e",
                "-rating      | 0e 09 07 01 06 0c 0b 0a 08 03 05 0d 04 02",
                "name         | 0b 02 0d 04 08 09 03 07 0c 05 06 0a 0e 01",
                "-name        | 01 0e 0a 06 05 0c 07 03 09 08 04 0d 02 0b",
                "-rating,name | 09 07 0e 01 06 0b 08 03 0c 0a 05 0d 02 04"
            })
    void breaksTiesBy_idInTheDirectionOfTheLastKey(String sort, String expected) {
        List<String> expectedIds = Arrays.stream(expected.trim().split(" +"))
                .map(suffix -> "0".repeat(22) + suffix)
                .toList();

        assertThat(ids(ListPages.all(http, "sort=" + sort))).containsExactlyElementsOf(expectedIds);
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("io.restaurantapi.restaurant.SortOrderIT#sorts")
    void servesTheListInTheDocumentedOrder(String sort) {
        assertThat(ids(ListPages.all(http, "sort=" + sort)))
                .containsExactlyElementsOf(ids(sorted(everyRestaurant, sort)));
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("io.restaurantapi.restaurant.SortOrderIT#sorts")
    void pagesOfTwoAndOfThreeAreDisjointAndTogetherTheSortedList(String sort) {
        List<JsonNode> unpaged = ListPages.all(http, "sort=" + sort);

        assertPartitionInOrder(ListPages.every(http, "sort=" + sort, 2), everyRestaurant, unpaged);
        assertPartitionInOrder(ListPages.every(http, "sort=" + sort, 3), everyRestaurant, unpaged);
    }

    @ParameterizedTest(name = "sort={0}")
    @MethodSource("io.restaurantapi.restaurant.SortOrderIT#sorts")
    void pagesOfAFilteredSortAreDisjointAndTogetherTheSortedList(String sort) {
        String query = "type_of_food=CHINESE&sort=" + sort;
        List<JsonNode> chinese = SortOrderIT.ofFood(everyRestaurant, "chinese");

        assertThat(ids(ListPages.all(http, query))).containsExactlyElementsOf(ids(sorted(chinese, sort)));
        assertPartitionInOrder(ListPages.every(http, query, 2), chinese, ListPages.all(http, query));
    }
}
