package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.restaurant.RestaurantQuery.SortOrder;
import io.restaurantapi.web.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestaurantQueryParserTest {

    private static RestaurantQuery parse(String... nameValuePairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters
                    .computeIfAbsent(nameValuePairs[i], name -> new java.util.ArrayList<>())
                    .add(nameValuePairs[i + 1]);
        }
        return RestaurantQueryParser.parse(parameters);
    }

    private static void assertRejected(String parameter, String... nameValuePairs) {
        assertThatThrownBy(() -> parse(nameValuePairs))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(parameter));
    }

    @Test
    void noParametersMeansTheWholeList() {
        assertThat(parse()).isEqualTo(RestaurantQuery.ALL);
    }

    @Test
    void readsEveryFilter() {
        RestaurantQuery query =
                parse("type_of_food", "Thai", "outcode", "SE1", "postcode", "9AA", "name", "wok", "min_rating", "4.5");

        assertThat(query).isEqualTo(new RestaurantQuery("Thai", "SE1", "9AA", "wok", 4.5, List.of(), null));
    }

    @Test
    void readsSortKeysInOrderWithDescendingPrefix() {
        assertThat(parse("sort", "-rating,name").sort())
                .containsExactly(new SortOrder("rating", true), new SortOrder("name", false));
    }

    @Test
    void pageAloneUsesTheDefaultSize() {
        assertThat(parse("page", "3").paging()).isEqualTo(new Paging(3, RestaurantQueryParser.DEFAULT_PAGE_SIZE));
    }

    @Test
    void sizeAloneStartsAtTheFirstPage() {
        assertThat(parse("size", "50").paging()).isEqualTo(new Paging(0, 50));
    }

    @Test
    void rejectsAnUnknownParameterByName() {
        assertRejected("colour", "colour", "red");
    }

    @Test
    void rejectsARepeatedParameter() {
        assertRejected("name", "name", "a", "name", "b");
    }

    @Test
    void rejectsAnEmptyFilter() {
        assertRejected("outcode", "outcode", "");
    }

    @Test
    void rejectsAnOverlongFilter() {
        assertRejected("name", "name", "x".repeat(RestaurantQueryParser.MAX_TEXT_LENGTH + 1));
    }

    @Test
    void rejectsControlCharactersInAFilter() {
        assertRejected("name", "name", "a\u0000b");
        assertRejected("postcode", "postcode", "1AA\n");
    }

    @Test
    void rejectsANonNumericMinimumRating() {
        assertRejected("min_rating", "min_rating", "high");
        assertRejected("min_rating", "min_rating", "{\"$gt\":0}");
    }

    @Test
    void readsAMinimumRatingWrittenAsAnyJsonNumber() {
        assertThat(parse("min_rating", "1e3").minRating()).isEqualTo(1000.0);
        assertThat(parse("min_rating", "4.5E0").minRating()).isEqualTo(4.5);
        assertThat(parse("min_rating", "45e-1").minRating()).isEqualTo(4.5);
        assertThat(parse("min_rating", "1E+2").minRating()).isEqualTo(100.0);
        assertThat(parse("min_rating", "-0").minRating()).isEqualTo(-0.0);
        assertThat(parse("min_rating", "1234567890123.25").minRating()).isEqualTo(1234567890123.25);
    }

    @Test
    void rejectsNumbersJsonCannotWrite() {
        for (String value :
                List.of("NaN", "Infinity", "-Infinity", "0x10", "0x1p3", "4.5d", "4.5f", ".5", "5.", "1e", " 4")) {
            assertThatThrownBy(() -> parse("min_rating", value))
                    .as(value)
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("min_rating");
                        assertThat(e.getBody().getDetail()).contains("must be a number", value);
                    });
        }
    }

    @Test
    void rejectsSortOnAFieldThatIsNotOffered() {
        assertRejected("sort", "sort", "URL");
        assertRejected("sort", "sort", "$where");
        assertRejected("sort", "sort", "name,");
    }

    @Test
    void rejectsTheSameSortFieldTwice() {
        assertRejected("sort", "sort", "name,-name");
    }

    @Test
    void rejectsSizesOutsideOneToAThousand() {
        assertRejected("size", "size", "0");
        assertRejected("size", "size", "1001");
        assertRejected("size", "size", "-5");
    }

    @Test
    void rejectsNegativeAndNonNumericPages() {
        assertRejected("page", "page", "-1");
        assertRejected("page", "page", "first");
        assertRejected("page", "page", "99999999999999999999");
    }

    @Test
    void rejectsAPageWhoseOffsetOverflows() {
        assertRejected("page", "page", "2147483647", "size", "1000");
    }
}
