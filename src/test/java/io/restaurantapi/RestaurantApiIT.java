package io.restaurantapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API over real HTTP, on the full public dataset loaded through the seeder into a real MongoDB connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestaurantApiIT {

    private static final String DATABASE = "api_it";
    private static final String BAYLEAF = "55f14313c7447c3da705224b";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path dataset;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheDataset() throws Exception {
        dataset = PublicDataset.path();
        PublicDataset.loadInto(DATABASE);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A source line as the API should serve it: the same fields and values, with _id as its hex string. */
    private static JsonNode served(String sourceLine) {
        ObjectNode expected = (ObjectNode) JSON.readTree(sourceLine);
        expected.put("_id", expected.get("_id").get("$oid").asString());
        return expected;
    }

    @Test
    void listsAllRestaurantsOfTheDataset() {
        HttpResponse<String> response = http.get("/api/v1/restaurant");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).size()).isEqualTo(2548);
    }

    @Test
    void servesEveryDocumentExactlyAsItsSourceLine() throws Exception {
        Map<String, JsonNode> servedById = new HashMap<>();
        for (JsonNode restaurant : json(http.get("/api/v1/restaurant"))) {
            servedById.put(restaurant.get("_id").asString(), restaurant);
        }

        List<String> lines = Files.readAllLines(dataset);
        assertThat(servedById).hasSize(lines.size());
        for (String line : lines) {
            JsonNode expected = served(line);
            assertThat(servedById.get(expected.get("_id").asString())).isEqualTo(expected);
        }
    }

    @Test
    void servesAKnownRestaurantAsAnObject() {
        HttpResponse<String> response = http.get("/api/v1/restaurant/" + BAYLEAF);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bayleaf = json(response);
        assertThat(bayleaf.isObject()).isTrue();
        assertThat(bayleaf.get("_id").asString()).isEqualTo(BAYLEAF);
        assertThat(bayleaf.get("name").asString()).isEqualTo("Bayleaf");
        assertThat(bayleaf.get("address line 2").asString()).isEqualTo("Heanor");
    }

    @Test
    void servesEachRestaurantByIdAsItsSourceLine() throws Exception {
        for (String line : Files.readAllLines(dataset).subList(0, 50)) {
            JsonNode expected = served(line);
            assertThat(json(http.get("/api/v1/restaurant/" + expected.get("_id").asString())))
                    .isEqualTo(expected);
        }
    }

    @Test
    void answersAnAbsentIdWith404Problem() {
        HttpResponse<String> response = http.get("/api/v1/restaurant/000000000000000000000000");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString())
                .isEqualTo("No restaurant has id '000000000000000000000000'.");
    }

    @Test
    void answersAMalformedIdWith400Problem() {
        HttpResponse<String> response = http.get("/api/v1/restaurant/not-an-id");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("parameter").asString()).isEqualTo("id");
        assertThat(response.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void filtersByTypeOfFoodIgnoringCase() {
        JsonNode thai = json(http.get("/api/v1/restaurant?type_of_food=tHaI"));

        assertThat(thai.size()).isPositive().isLessThan(2548);
        thai.forEach(restaurant ->
                assertThat(restaurant.get("type_of_food").asString()).isEqualTo("Thai"));
    }

    @Test
    void filtersByMinimumRatingOnNumericRatingsOnly() {
        JsonNode rated = json(http.get("/api/v1/restaurant?min_rating=5.5"));

        assertThat(rated.size()).isPositive();
        rated.forEach(
                restaurant -> assertThat(restaurant.get("rating").asDouble()).isGreaterThanOrEqualTo(5.5));
    }

    @Test
    void pagesThroughTheListWithTotalAndLinks() {
        HttpResponse<String> response = http.get("/api/v1/restaurant?page=2&size=100&sort=name");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).size()).isEqualTo(100);
        assertThat(response.headers().firstValue("X-Total-Count")).hasValue("2548");
        assertThat(response.headers().firstValue("Link").orElseThrow())
                .contains("page=1>; rel=\"prev\"", "page=3>; rel=\"next\"", "page=25>; rel=\"last\"");
    }

    @Test
    void answersAnUnknownParameterWith400ProblemNamingIt() {
        HttpResponse<String> response = http.get("/api/v1/restaurant?rating=5");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("parameter").asString()).isEqualTo("rating");
    }
}
