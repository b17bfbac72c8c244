package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.restaurant.RestaurantQuery.SortOrder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.TestMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DataMongoTest
@Import(RestaurantRepository.class)
class RestaurantRepositoryTest {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("spring.mongodb.database", () -> "repository_test");
        registry.add("restaurant.collection", () -> "restaurant");
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RestaurantRepository repository;

    @BeforeEach
    void loadFixtures() throws Exception {
        mongo.getDb().drop();
        new DatasetSeeder(mongo.getDb(), "restaurant").seed(Fixtures.restaurants(), true);
    }

    private List<String> names(RestaurantQuery query) {
        List<String> names = new ArrayList<>();
        repository.forEach(
                query, 2, document -> names.add(document.getString("name").getValue()));
        return names;
    }

    private static RestaurantQuery filter(
            String typeOfFood, String outcode, String postcode, String name, Double minRating) {
        return new RestaurantQuery(typeOfFood, outcode, postcode, name, minRating, List.of(), null);
    }

    @Test
    void findsARestaurantById() {
        RawBsonDocument found =
                repository.findById(new ObjectId("000000000000000000000003")).orElseThrow();

        assertThat(found.getString("name").getValue()).isEqualTo("Curry Corner");
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(repository.findById(new ObjectId("0000000000000000000000ff")))
                .isEmpty();
    }

    @Test
    void listsEveryRestaurantInStorageOrderByDefault() {
        assertThat(names(RestaurantQuery.ALL))
                .containsExactly(
                        "Golden Wok",
                        "Golden Wok Express",
                        "Curry Corner",
                        "Fish (& Chips) .*",
                        "Café Crème",
                        "Pizza Place");
    }

    @Test
    void matchesTypeOfFoodExactlyIgnoringCase() {
        assertThat(names(filter("chinese", null, null, null, null)))
                .containsExactly("Golden Wok", "Golden Wok Express");
        assertThat(names(filter("Chin", null, null, null, null))).isEmpty();
    }

    @Test
    void matchesOutcodeAndPostcodeExactlyIgnoringCase() {
        assertThat(names(filter(null, "TE1", null, null, null)))
                .containsExactly("Golden Wok", "Golden Wok Express", "Pizza Place");
        assertThat(names(filter(null, null, "4dd", null, null))).containsExactly("Fish (& Chips) .*");
    }

    @Test
    void matchesNameAsACaseInsensitiveSubstring() {
        assertThat(names(filter(null, null, null, "WOK", null))).containsExactly("Golden Wok", "Golden Wok Express");
        assertThat(names(filter(null, null, null, "crème", null))).containsExactly("Café Crème");
    }

    @Test
    void takesRegularExpressionCharactersInTextLiterally() {
        assertThat(names(filter(null, null, null, ".*", null))).containsExactly("Fish (& Chips) .*");
        assertThat(names(filter(null, null, null, "(& Chips)", null))).containsExactly("Fish (& Chips) .*");
        assertThat(names(filter(null, null, null, "^G", null))).isEmpty();
        assertThat(names(filter("Fish & Chips", null, null, null, null))).containsExactly("Fish (& Chips) .*");
    }

    @Test
    void minimumRatingKeepsOnlyNumericRatingsAtOrAboveIt() {
        assertThat(names(filter(null, null, null, null, 4.5)))
                .containsExactly("Golden Wok", "Golden Wok Express", "Café Crème");
        assertThat(names(filter(null, null, null, null, 0.0))).doesNotContain("Curry Corner");
    }

    @Test
    void sortsByTheRequestedKeys() {
        RestaurantQuery byRatingDescending =
                new RestaurantQuery(null, "TE1", null, null, null, List.of(new SortOrder("rating", true)), null);

        assertThat(names(byRatingDescending)).containsExactly("Golden Wok", "Golden Wok Express", "Pizza Place");
    }

    @Test
    void breaksTiesByIdInTheDirectionOfTheLastKey() {
        RestaurantQuery chineseFirstDescending = new RestaurantQuery(
                "Chinese", null, null, null, null, List.of(new SortOrder("type_of_food", true)), null);

        assertThat(names(chineseFirstDescending)).containsExactly("Golden Wok Express", "Golden Wok");
    }

    @Test
    void returnsOnePage() {
        RestaurantQuery secondPage = new RestaurantQuery(null, null, null, null, null, List.of(), new Paging(1, 4));

        assertThat(names(secondPage)).containsExactly("Café Crème", "Pizza Place");
    }

    @Test
    void countsEveryMatchIgnoringThePage() {
        RestaurantQuery firstPage = new RestaurantQuery("Chinese", null, null, null, null, List.of(), new Paging(0, 1));

        assertThat(repository.count(firstPage)).isEqualTo(2);
    }
}
