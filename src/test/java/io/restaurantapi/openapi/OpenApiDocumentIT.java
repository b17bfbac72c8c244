package io.restaurantapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.RestaurantApiApplication;
import io.restaurantapi.openapi.ApiDocument.Operation;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} against the service's real behaviour over HTTP, on the full public
 * dataset: every documented path, parameter, constraint, status, header and schema is checked with real requests,
 * and every status those requests produce must be documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    private static final String DATABASE = "openapi_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Matches the documented id pattern, and no restaurant has it. */
    private static final String ABSENT_ID = "000000000000000000000000";

    private static ConfigurableApplicationContext withoutDatabase;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheDataset() throws Exception {
        PublicDataset.loadInto(DATABASE);
    }

    @AfterAll
    static void stopTheServiceWithoutDatabase() {
        if (withoutDatabase != null) {
            withoutDatabase.close();
        }
    }

    @LocalServerPort
    int port;

    private Http http;
    private ApiDocument document;

    @BeforeEach
    void fetchTheDocument() {
        http = new Http(port);
        HttpResponse<String> response = http.get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mediaType(response)).isEqualTo("application/json");
        document = new ApiDocument(JSON.readTree(response.body()));
    }

    @Test
    void describesTheApiWithTheBuildVersionAndTheDatasetLicence() {
        JsonNode info = document.root().get("info");
        JsonNode build = JSON.readTree(http.get("/actuator/info").body()).get("build");

        assertThat(info.get("title").asString()).isEqualTo("restaurant-api");
        assertThat(info.get("version").asString())
                .isEqualTo(build.get("version").asString());
        assertThat(info.get("license").get("name").asString()).isEqualTo("Apache-2.0");
        assertThat(info.get("description").asString()).isNotBlank();
    }

    @Test
    void documentsBothEndpointsOfTheApiAndNothingElse() {
        assertThat(document.operations())
                .extracting(operation -> operation.method() + " " + operation.path())
                .containsExactlyInAnyOrder("get /api/v1/restaurant", "get /api/v1/restaurant/{id}");
    }

    @Test
    void everyDocumentedOperationAnswersItsExampleAsDocumented() {
        for (Operation operation : document.operations()) {
            HttpResponse<String> response = http.get(everyExample(operation));

            assertThat(response.statusCode()).as(operation.id()).isEqualTo(200);
            assertConformsToTheDocumentedResponse(operation, response);
        }
    }

    @Test
    void acceptsEveryDocumentedQueryParameterWithItsExample() {
        for (Operation operation : document.operations()) {
            Map<String, String> all = new LinkedHashMap<>();
            for (JsonNode parameter : operation.parameters("query")) {
                String name = parameter.get("name").asString();
                String example = parameter.get("example").asString();
                all.put(name, example);

                HttpResponse<String> response = http.get(operation.examplePath() + query(Map.of(name, example)));

                assertThat(response.statusCode())
                        .as(operation.id() + " with " + name + "=" + example)
                        .isEqualTo(200);
            }
            if (!all.isEmpty()) {
                HttpResponse<String> response = http.get(operation.examplePath() + query(all));
                assertThat(response.statusCode())
                        .as(operation.id() + " with every example")
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void acceptsTheDocumentedBoundsOfEachParameter() {
        for (Operation operation : document.operations()) {
            for (JsonNode parameter : operation.parameters("query")) {
                for (String value : ParameterValues.withinBounds(parameter.get("schema"))) {
                    // A bound of one paging parameter is valid with the other at its minimum (page × size is bounded
                    // too).
                    Map<String, String> values = new LinkedHashMap<>(minimaOfTheOtherIntegers(operation, parameter));
                    values.put(parameter.get("name").asString(), value);

                    HttpResponse<String> response = http.get(operation.examplePath() + query(values));

                    assertThat(response.statusCode())
                            .as(operation.id() + " with " + values)
                            .isEqualTo(200);
                }
            }
        }
    }

    @Test
    void acceptsANumberParameterInEveryFormItsSchemaAllows() {
        List<String> numberParameters = new ArrayList<>();
        for (Operation operation : document.operations()) {
            for (JsonNode parameter : operation.parameters("query")) {
                JsonNode schema = parameter.get("schema");
                if (!schema.path("type").asString().equals("number")) {
                    continue;
                }
                String name = parameter.get("name").asString();
                numberParameters.add(name);
                for (String value : ParameterValues.numbersInEveryJsonForm()) {
                    assertThat(document.violations(JSON.readTree(value), schema))
                            .as(name + "=" + value + " by the documented schema")
                            .isEmpty();

                    HttpResponse<String> response = http.get(operation.examplePath() + query(Map.of(name, value)));

                    assertThat(response.statusCode())
                            .as(operation.id() + " with " + name + "=" + value)
                            .isEqualTo(200);
                }
            }
        }
        assertThat(numberParameters).contains("min_rating");
    }

    @Test
    void refusesEveryValueOutsideTheDocumentedSchemaWith400NamingTheParameter() {
        for (Operation operation : document.operations()) {
            for (JsonNode parameter : parameters(operation, "query", "path")) {
                String name = parameter.get("name").asString();
                boolean inPath = parameter.get("in").asString().equals("path");
                List<String> invalid = ParameterValues.outsideSchema(parameter.get("schema"), inPath);
                assertThat(invalid)
                        .as("values that violate the schema of " + name)
                        .isNotEmpty();
                for (String value : invalid) {
                    String path = inPath
                            ? operation.pathWith(Map.of(name, encode(value)))
                            : operation.examplePath() + query(Map.of(name, value));

                    HttpResponse<String> response = http.get(path);

                    assertThat(response.statusCode())
                            .as(operation.id() + ": " + name + "=" + value)
                            .isEqualTo(400);
                    assertThat(JSON.readTree(response.body()).get("parameter").asString())
                            .isEqualTo(name);
                    assertConformsToTheDocumentedResponse(operation, response);
                }
            }
        }
    }

    @Test
    void refusesUndocumentedAndRepeatedQueryParameters() {
        Operation list = document.operation("listRestaurants");
        Set<String> documented = names(list.parameters("query"));
        assertThat(documented).doesNotContain("rating", "limit");

        for (String undocumented : List.of("rating", "limit")) {
            HttpResponse<String> response = http.get(list.examplePath() + "?" + undocumented + "=5");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("parameter").asString())
                    .isEqualTo(undocumented);
        }
        for (JsonNode parameter : list.parameters("query")) {
            String pair = parameter.get("name").asString() + "="
                    + encode(parameter.get("example").asString());

            assertThat(http.get(list.examplePath() + "?" + pair + "&" + pair).statusCode())
                    .as(pair + " twice")
                    .isEqualTo(400);
        }
    }

    @Test
    void producesEveryDocumentedStatusAndNothingUndocumented() {
        for (Operation operation : document.operations()) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            HttpResponse<String> ok = http.get(everyExample(operation));
            responses.add(ok);
            responses.add(http.get(
                    everyExample(operation),
                    "If-None-Match",
                    ok.headers().firstValue("ETag").orElseThrow()));
            responses.add(http.get(everyExample(operation), "If-None-Match", "\"stale\""));
            for (JsonNode parameter : parameters(operation, "query", "path")) {
                boolean inPath = parameter.get("in").asString().equals("path");
                String value = ParameterValues.outsideSchema(parameter.get("schema"), inPath)
                        .get(0);
                String name = parameter.get("name").asString();
                responses.add(http.get(
                        inPath
                                ? operation.pathWith(Map.of(name, encode(value)))
                                : operation.examplePath() + query(Map.of(name, value))));
            }
            if (!operation.parameters("path").isEmpty()) {
                String name = operation.parameters("path").get(0).get("name").asString();
                responses.add(http.get(operation.pathWith(Map.of(name, ABSENT_ID))));
            }
            responses.add(serviceWithoutDatabase().get(operation.examplePath()));

            Set<String> produced = responses.stream()
                    .map(response -> String.valueOf(response.statusCode()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>(operation.statusCodes());
            documented.remove("default");
            assertThat(produced).as(operation.id() + ": statuses produced").isEqualTo(documented);
            for (HttpResponse<String> response : responses) {
                assertConformsToTheDocumentedResponse(operation, response);
            }
        }
    }

    @Test
    void addsThePagingHeadersOnlyWhenAPageIsAskedFor() {
        Operation list = document.operation("listRestaurants");
        JsonNode headers = list.response(200).get("headers");
        assertThat(headers.get("X-Total-Count").get("description").asString()).contains("`page` or `size` only");
        assertThat(headers.get("Link").get("description").asString()).contains("`page` or `size` only");

        HttpResponse<String> unpaged = http.get(list.examplePath() + "?sort=name");
        HttpResponse<String> paged = http.get(list.examplePath() + "?sort=name&size=5");

        assertThat(unpaged.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(unpaged.headers().firstValue("Link")).isEmpty();
        assertThat(paged.headers().firstValue("X-Total-Count")).hasValue("2548");
        assertThat(paged.headers().firstValue("Link").orElseThrow())
                .contains("rel=\"first\"", "rel=\"next\"", "rel=\"last\"");
    }

    @Test
    void compressedResponsesCarryTheirOwnStrongEntityTag() {
        for (Operation operation : document.operations()) {
            String identity = http.get(operation.examplePath())
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            HttpResponse<String> gzipped = http.get(operation.examplePath(), "Accept-Encoding", "gzip");
            String gzip = gzipped.headers().firstValue("ETag").orElseThrow();

            assertThat(identity).startsWith("\"");
            assertThat(gzip).startsWith("\"");
            if (gzipped.headers().firstValue("Content-Encoding").isPresent()) {
                assertThat(gzip).isNotEqualTo(identity);
            }
            assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        }
    }

    @Test
    void echoesAnAcceptableRequestIdAndReplacesAnyOther() {
        for (Operation operation : document.operations()) {
            assertThat(names(operation.parameters("header"))).contains("X-Request-Id", "If-None-Match");

            assertThat(http.get(operation.examplePath(), "X-Request-Id", "trace-42")
                            .headers()
                            .firstValue("X-Request-Id"))
                    .hasValue("trace-42");
            assertThat(http.get(operation.examplePath(), "X-Request-Id", "a b")
                            .headers()
                            .firstValue("X-Request-Id")
                            .orElseThrow())
                    .isNotEqualTo("a b")
                    .isNotBlank();
        }
    }

    @Test
    void servesEveryRestaurantAsTheRestaurantSchemaDescribes() {
        JsonNode schema = document.root().at("/components/schemas/Restaurant");
        JsonNode restaurants = JSON.readTree(http.get("/api/v1/restaurant").body());
        assertThat(restaurants.size()).isEqualTo(2548);

        List<String> violations = new ArrayList<>();
        Set<String> served = new HashSet<>();
        for (JsonNode restaurant : restaurants) {
            violations.addAll(document.violations(restaurant, schema));
            served.addAll(restaurant.propertyNames());
        }

        assertThat(violations).isEmpty();
        assertThat(served)
                .as("every documented field is served")
                .containsAll(schema.get("properties").propertyNames());
    }

    @Test
    void documentsExactlyTheFieldsOfTheProblemsTheApiAnswers() {
        JsonNode schema = document.root().at("/components/schemas/Problem");
        List<HttpResponse<String>> problems = List.of(
                http.get("/api/v1/restaurant?size=0"),
                http.get("/api/v1/restaurant/not-an-id"),
                http.get("/api/v1/restaurant/" + ABSENT_ID),
                serviceWithoutDatabase().get("/api/v1/restaurant"));

        Set<String> fields = new TreeSet<>();
        for (HttpResponse<String> problem : problems) {
            assertThat(mediaType(problem)).isEqualTo("application/problem+json");
            JsonNode body = JSON.readTree(problem.body());
            assertThat(document.violations(body, schema)).isEmpty();
            assertThat(body.get("status").asInt()).isEqualTo(problem.statusCode());
            fields.addAll(body.propertyNames());
        }

        Set<String> documented = new TreeSet<>(schema.get("properties").propertyNames());
        assertThat(documented).containsAll(fields);
        // "type" is left out of every problem the API answers, which RFC 9457 reads as "about:blank".
        assertThat(documented).containsExactlyInAnyOrderElementsOf(union(fields, Set.of("type")));
    }

    /** The status, media type, headers and body schema of {@code response} are those documented for its status. */
    private void assertConformsToTheDocumentedResponse(Operation operation, HttpResponse<String> response) {
        String description = operation.id() + " " + response.statusCode() + " " + response.uri();
        assertThat(operation.statusCodes()).as(description).contains(String.valueOf(response.statusCode()));
        JsonNode documented = operation.response(response.statusCode());
        for (String header : documented.path("headers").propertyNames()) {
            assertThat(response.headers().firstValue(header))
                    .as(description + ": header " + header)
                    .isPresent();
        }
        JsonNode content = documented.path("content");
        if (content.isEmpty()) {
            assertThat(response.body()).as(description + ": body").isEmpty();
            return;
        }
        assertThat(content.propertyNames()).as(description).containsExactly(mediaType(response));
        JsonNode body = JSON.readTree(response.body());
        assertThat(document.violations(body, content.get(mediaType(response)).get("schema")))
                .as(description)
                .isEmpty();
    }

    /** The example path with every documented query parameter set to its example. */
    private static String everyExample(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        operation
                .parameters("query")
                .forEach(parameter -> values.put(
                        parameter.get("name").asString(),
                        parameter.get("example").asString()));
        return operation.examplePath() + query(values);
    }

    private static Map<String, String> minimaOfTheOtherIntegers(Operation operation, JsonNode parameter) {
        Map<String, String> minima = new LinkedHashMap<>();
        for (JsonNode other : operation.parameters("query")) {
            JsonNode schema = other.get("schema");
            if (!other.get("name").equals(parameter.get("name"))
                    && schema.path("type").asString().equals("integer")
                    && schema.has("minimum")) {
                minima.put(other.get("name").asString(), schema.get("minimum").asString());
            }
        }
        return minima;
    }

    private static List<JsonNode> parameters(Operation operation, String... locations) {
        List<JsonNode> parameters = new ArrayList<>();
        for (String in : locations) {
            parameters.addAll(operation.parameters(in));
        }
        return parameters;
    }

    private static Set<String> names(List<JsonNode> parameters) {
        return parameters.stream()
                .map(parameter -> parameter.get("name").asString())
                .collect(Collectors.toSet());
    }

    private static String query(Map<String, String> values) {
        if (values.isEmpty()) {
            return "";
        }
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String mediaType(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .replaceAll(";.*", "")
                .strip();
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }

    /** The same service, started on a port of its own against a database address where nothing listens. */
    private static synchronized Http serviceWithoutDatabase() {
        if (withoutDatabase == null) {
            withoutDatabase = new SpringApplicationBuilder(RestaurantApiApplication.class)
                    .run(
                            "--server.port=0",
                            "--MONGODB_URI=mongodb://127.0.0.1:" + unusedPort() + "/restaurant",
                            "--spring.main.banner-mode=off");
        }
        return new Http(Integer.parseInt(withoutDatabase.getEnvironment().getProperty("local.server.port")));
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
