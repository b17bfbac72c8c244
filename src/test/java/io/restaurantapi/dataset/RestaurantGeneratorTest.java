package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.restaurantapi.support.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class RestaurantGeneratorTest {

    /** Enough lines for the type mix to settle: each proportion below is checked to within a few tenths of a percent. */
    private static final int SAMPLE = 20_000;

    /** One parsed sample, shared by the tests that only read it. */
    private static final List<BsonDocument> SAMPLE_DOCUMENTS = documents(13, SAMPLE);

    private static String generate(long seed, long count) {
        StringBuilder out = new StringBuilder();
        try {
            new RestaurantGenerator(seed).write(count, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    private static List<BsonDocument> documents(long seed, int count) {
        List<BsonDocument> documents = new ArrayList<>(count);
        RestaurantGenerator generator = new RestaurantGenerator(seed);
        for (int i = 0; i < count; i++) {
            documents.add(DatasetLineParser.parse(i + 1, generator.line(i)));
        }
        return documents;
    }

    /** The share of documents for which {@code key} gives each value. */
    private static Map<Object, Double> shares(List<BsonDocument> documents, Function<BsonDocument, Object> key) {
        return documents.stream()
                .collect(Collectors.groupingBy(
                        key,
                        Collectors.collectingAndThen(
                                Collectors.counting(), count -> (double) count / documents.size())));
    }

    @Test
    void theSameSeedWritesTheSameBytes() {
        assertThat(generate(42, 5_000)).isEqualTo(generate(42, 5_000));
    }

    @Test
    void anotherSeedWritesOtherRestaurantsWithOtherIds() {
        List<String> first = generate(1, 1_000).lines().toList();
        List<String> second = generate(2, 1_000).lines().toList();

        assertThat(first).doesNotContainAnyElementsOf(second);
        Set<String> firstIds = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            firstIds.add(new RestaurantGenerator(1).id(i));
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(firstIds).doesNotContain(new RestaurantGenerator(2).id(i));
        }
    }

    @Test
    void writesExactlyTheCountOfLinesEachEndingInANewline() {
        String output = generate(7, 1_234);

        assertThat(output).endsWith("}\n");
        assertThat(output.chars().filter(c -> c == '\n').count()).isEqualTo(1_234);
        assertThat(output.lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    }

    @Test
    void writesNothingForACountOfZero() {
        assertThat(generate(7, 0)).isEmpty();
    }

    @Test
    void aLineDependsOnlyOnTheSeedAndItsIndex() {
        List<String> lines = generate(9, 300).lines().toList();
        RestaurantGenerator generator = new RestaurantGenerator(9);

        assertThat(generator.line(299)).isEqualTo(lines.get(299));
        assertThat(generator.line(0)).isEqualTo(lines.get(0));
        assertThat(lines.get(123)).contains("{\"$oid\":\"" + generator.id(123) + "\"}");
    }

    @Test
    void everyLineIsAcceptedByTheSeedersParser() {
        List<String> lines = generate(3, SAMPLE).lines().toList();

        for (int i = 0; i < lines.size(); i++) {
            assertThat(DatasetLineParser.parse(i + 1, lines.get(i)).getObjectId("_id"))
                    .isNotNull();
        }
    }

    @Test
    void everyDocumentHasTheDatasetsFieldsInMongoexportOrder() throws IOException {
        String fixtureLine = Files.readAllLines(Fixtures.restaurants()).get(0);
        List<String> datasetFields =
                List.copyOf(DatasetLineParser.parse(1, fixtureLine).keySet());

        assertThat(datasetFields)
                .containsExactly(
                        "URL",
                        "_id",
                        "address",
                        "address line 2",
                        "name",
                        "outcode",
                        "postcode",
                        "rating",
                        "type_of_food");
        assertThat(SAMPLE_DOCUMENTS)
                .allSatisfy(document -> assertThat(document.keySet()).containsExactlyElementsOf(datasetFields));
    }

    @Test
    void idsAreUniqueAcrossAHundredThousandRestaurants() {
        RestaurantGenerator generator = new RestaurantGenerator(11);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(generator.id(i));
        }

        assertThat(ids).hasSize(100_000).allMatch(id -> id.matches("[0-9a-f]{24}"));
    }

    @Test
    void ratingsAreWholeNumbersHalvesOrNotYetRatedInTheDatasetsProportions() {
        Map<Object, Double> types =
                shares(SAMPLE_DOCUMENTS, document -> document.get("rating").getBsonType());

        assertThat(types).containsOnlyKeys(BsonType.INT32, BsonType.DOUBLE, BsonType.STRING);
        assertThat(types.get(BsonType.INT32)).isCloseTo(0.53, within(0.015));
        assertThat(types.get(BsonType.DOUBLE)).isCloseTo(0.45, within(0.015));
        assertThat(types.get(BsonType.STRING)).isCloseTo(0.025, within(0.005));
    }

    @Test
    void ratingsRunFromOneToSixInHalfSteps() {
        Set<Object> ratings = new HashSet<>();
        for (BsonDocument document : SAMPLE_DOCUMENTS) {
            BsonValue rating = document.get("rating");
            ratings.add(
                    rating.isString()
                            ? rating.asString().getValue()
                            : rating.asNumber().doubleValue());
        }

        assertThat(ratings)
                .containsExactlyInAnyOrder(
                        1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, RestaurantGenerator.NOT_YET_RATED);
    }

    @Test
    void aboutOneAddressInSixHundredIsANumber() {
        Map<Object, Double> types = shares(
                documents(19, 100_000), document -> document.get("address").getBsonType());

        assertThat(types).containsOnlyKeys(BsonType.STRING, BsonType.INT32);
        assertThat(types.get(BsonType.INT32)).isCloseTo(0.0016, within(0.0004));
    }

    @Test
    void everyOtherFieldIsANonEmptyString() {
        assertThat(SAMPLE_DOCUMENTS).allSatisfy(document -> {
            for (String field : List.of("URL", "address line 2", "name", "outcode", "postcode", "type_of_food")) {
                assertThat(document.get(field).isString()).as(field).isTrue();
                assertThat(document.getString(field).getValue()).as(field).isNotBlank();
            }
        });
    }

    @Test
    void postcodesHaveTheShapeOfUkPostcodes() {
        assertThat(SAMPLE_DOCUMENTS).allSatisfy(document -> {
            assertThat(document.getString("outcode").getValue()).matches("[A-Z]{1,2}[0-9]{1,2}");
            assertThat(document.getString("postcode").getValue()).matches("[0-9][A-Z]{2}");
        });
    }

    @Test
    void oneCuisineDominatesAndTheRestHaveALongTail() {
        Map<Object, Double> cuisines = shares(
                SAMPLE_DOCUMENTS, document -> document.getString("type_of_food").getValue());

        assertThat(cuisines.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow())
                .isBetween(0.30, 0.40);
        assertThat(cuisines).hasSizeGreaterThanOrEqualTo(30).containsKey("Thai");
    }

    @Test
    void urlsPointAtTheReservedTestDomainAndNameTheRestaurant() {
        assertThat(SAMPLE_DOCUMENTS).allSatisfy(document -> {
            String url = document.getString("URL").getValue();
            assertThat(url)
                    .startsWith(RestaurantGenerator.URL_PREFIX)
                    .endsWith("/menu")
                    .matches("[a-z0-9:/.-]+");
            String firstWord = document.getString("name")
                    .getValue()
                    .split(" ")[0]
                    .toLowerCase()
                    .replaceAll("[^a-z]", "");
            assertThat(url).contains("-" + firstWord.substring(0, Math.min(3, firstWord.length())));
        });
    }

    @Test
    void namesVaryButSomeRepeatAsChainsDo() {
        Set<String> names = new HashSet<>();
        SAMPLE_DOCUMENTS.forEach(
                document -> names.add(document.getString("name").getValue()));

        assertThat(names.size()).isBetween(SAMPLE / 20, SAMPLE - 1);
    }

    /**
     * When the real dataset is at hand ({@code RESTAURANT_DATASET}, else {@code data/restaurant.json}), its field set
     * and type mix must match the generator's; it is never committed, so elsewhere this is skipped.
     */
    @Test
    void matchesTheTypeMixOfTheRealDatasetWhenItIsAvailable() throws IOException {
        String configured = System.getenv("RESTAURANT_DATASET");
        Path dataset = Path.of(configured != null && !configured.isBlank() ? configured : "data/restaurant.json");
        assumeThat(Files.isRegularFile(dataset))
                .as("the real dataset at " + dataset)
                .isTrue();
        List<BsonDocument> real = new ArrayList<>();
        try (var lines = Files.lines(dataset, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank())
                    .forEach(line -> real.add(DatasetLineParser.parse(real.size() + 1, line)));
        }
        List<BsonDocument> generated = SAMPLE_DOCUMENTS;

        assertThat(generated.get(0).keySet()).isEqualTo(real.get(0).keySet());
        for (String field : List.of("rating", "address")) {
            Map<Object, Double> expected =
                    shares(real, document -> document.get(field).getBsonType());
            Map<Object, Double> actual =
                    shares(generated, document -> document.get(field).getBsonType());
            assertThat(actual).as(field).containsOnlyKeys(expected.keySet());
            Map<Object, Double> difference = new HashMap<>();
            expected.forEach((type, share) -> difference.put(type, Math.abs(share - actual.get(type))));
            assertThat(difference.values())
                    .as(field + " type shares, generated vs real")
                    .allMatch(gap -> gap < 0.02);
        }
    }
}
