package io.restaurantapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.RawHttp;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over real HTTP where HTTP itself decides the answer: requests Tomcat refuses before the application sees
 * them, content negotiation (406) and {@code HEAD}. Every error, whoever answers it, is problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpConformanceIT {

    private static final String DATABASE = "http_conformance_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ID = "000000000000000000000001";
    private static final String ABSENT_ID = "000000000000000000000000";

    /** The headers a HEAD must answer as the GET would (RFC 9110 §9.3.2). */
    private static final List<String> REPRESENTATION_HEADERS =
            List.of("Content-Type", "Content-Length", "ETag", "Cache-Control", "Vary", "X-Total-Count", "Link");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheFixture() throws Exception {
        new DatasetSeeder(TestDatabases.fresh(DATABASE), "restaurant").seed(Fixtures.restaurants(), true);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // ---------------------------------------------------------------------------------------------- refused by Tomcat

    static Stream<Arguments> requestsTomcatRefuses() {
        String host = "Host: localhost\r\n";
        String headers = IntStream.range(0, 200)
                .mapToObj(i -> "X-Header-" + i + ": " + i + "\r\n")
                .collect(Collectors.joining());
        return Stream.of(
                arguments("a malformed method", "G(T /api/v1/restaurant HTTP/1.1\r\n" + host, 400),
                arguments("an unknown protocol version", "GET /api/v1/restaurant HTTP/9.x\r\n" + host, 400),
                arguments("a raw space in the target", "GET /api/v1/restaurant?name=a b HTTP/1.1\r\n" + host, 400),
                arguments("a raw '|' in the target", "GET /api/v1/restaurant?name=a|b HTTP/1.1\r\n" + host, 400),
                arguments("an encoded slash in the path", "GET /api/v1/restaurant/a%2fb HTTP/1.1\r\n" + host, 400),
                arguments(
                        "a 100 KB request line (not 414)",
                        "GET /api/v1/restaurant?name=" + "a".repeat(100 * 1024) + " HTTP/1.1\r\n" + host,
                        400),
                arguments(
                        "a header section over 8 KB (not 431)",
                        "GET /api/v1/restaurant HTTP/1.1\r\n" + host + "X-Large: " + "a".repeat(20 * 1024) + "\r\n",
                        400),
                arguments("200 headers", "GET /api/v1/restaurant HTTP/1.1\r\n" + host + headers, 400),
                arguments(
                        "a header name with a space", "GET /api/v1/restaurant HTTP/1.1\r\n" + host + "A B: x\r\n", 400),
                arguments("no Host in HTTP/1.1", "GET /api/v1/restaurant HTTP/1.1\r\n", 400),
                arguments("two Host headers", "GET /api/v1/restaurant HTTP/1.1\r\n" + host + "Host: other\r\n", 400),
                arguments("an invalid Host", "GET /api/v1/restaurant HTTP/1.1\r\nHost: a b:x\r\n", 400),
                arguments(
                        "an unknown transfer coding",
                        "GET /api/v1/restaurant HTTP/1.1\r\n" + host + "Transfer-Encoding: foo\r\n",
                        501),
                arguments(
                        "an unknown expectation",
                        "GET /api/v1/restaurant HTTP/1.1\r\n" + host + "Expect: 100-continue-x\r\n",
                        417));
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @MethodSource("requestsTomcatRefuses")
    void aRequestTomcatRefusesIsAProblemDocument(String description, String head, int status) {
        RawHttp.Response response =
                RawHttp.exchange(port, (head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(response.status()).isEqualTo(status);
        assertProblem(response.header("Content-Type").orElse(""), response.bodyText(), status);
        assertThat(response.bodyText()).doesNotContain("<html", "Tomcat", "Exception");
    }

    @Test
    void aRequestTomcatRefusesSaysWhatCanBeWrongWithIt() {
        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get("/api/v1/restaurant?name=a b"));

        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asString()).isEqualTo(ProblemErrorReportValve.BAD_REQUEST_DETAIL);
    }

    @ParameterizedTest(name = "[{index}] GET {0}")
    @ValueSource(strings = {"/error", "/error?status=500", "/no-such-page"})
    void aPathTheServiceDoesNotServeIsA404ProblemTheErrorPageIncluded(String path) {
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response.headers().firstValue("Content-Type").orElse(""), response.body(), 404);
    }

    // ---------------------------------------------------------------------------------------------- 406

    @ParameterizedTest(name = "[{index}] Accept: {0}")
    @ValueSource(strings = {"text/html", "application/xml", "text/plain;q=1, image/png;q=0.5"})
    void anUnacceptableMediaTypeIsA406ProblemNamingWhatIsOffered(String accept) {
        for (String path :
                List.of("/api/v1/restaurant", "/api/v1/restaurant/" + ID, "/api/v1/restaurant/" + ABSENT_ID)) {
            HttpResponse<String> response = http.get(path, "Accept", accept);

            assertThat(response.statusCode()).as(path).isEqualTo(406);
            assertProblem(response.headers().firstValue("Content-Type").orElse(""), response.body(), 406);
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("application/json");
        }
    }

    @ParameterizedTest(name = "[{index}] Accept: {0}")
    @ValueSource(strings = {"*/*", "application/*", "application/json", "text/html, application/json;q=0.1"})
    void anyAcceptThatAllowsJsonGetsTheRestaurant(String accept) {
        HttpResponse<String> response = http.get("/api/v1/restaurant/" + ID, "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    // ---------------------------------------------------------------------------------------------- HEAD

    @ParameterizedTest(name = "[{index}] HEAD {0}")
    @ValueSource(
            strings = {
                "/api/v1/restaurant/" + ID,
                "/api/v1/restaurant",
                "/api/v1/restaurant?sort=name&page=1&size=2",
                "/api/v1/restaurant/" + ABSENT_ID,
                "/api/v1/restaurant/not-an-id",
                "/api/v1/restaurant?size=0"
            })
    void headAnswersTheStatusAndHeadersOfGetWithoutABody(String path) {
        HttpResponse<String> get = http.get(path);
        HttpResponse<String> head = send("HEAD", path);

        assertThat(head.statusCode()).isEqualTo(get.statusCode());
        for (String header : REPRESENTATION_HEADERS) {
            assertThat(head.headers().firstValue(header))
                    .as(header)
                    .isEqualTo(get.headers().firstValue(header));
        }
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aPagedHeadCarriesThePagingHeaders() {
        HttpResponse<String> head = send("HEAD", "/api/v1/restaurant?sort=name&page=1&size=2");

        assertThat(head.headers().firstValue("X-Total-Count")).hasValue("6");
        assertThat(head.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"", "rel=\"next\"");
    }

    @ParameterizedTest(name = "[{index}] HEAD {0}")
    @ValueSource(strings = {"/api/v1/restaurant/" + ID, "/api/v1/restaurant", "/api/v1/restaurant?size=2"})
    void aConditionalHeadIsNotModified(String path) {
        String etag = http.get(path).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> head = send("HEAD", path, "If-None-Match", etag);

        assertThat(head.statusCode()).isEqualTo(304);
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        assertThat(head.body()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(String contentType, String body, int status) {
        assertThat(MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(contentType)
                .isTrue();
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }
}
