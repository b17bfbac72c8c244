package io.restaurantapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.ChildProcessApp;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.StoppableMongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service logging in Elastic Common Schema JSON, as it does in a cluster: every line written while a
 * request is handled names that request's id, and no other line names one. The server has one request thread, so
 * the requests follow each other on the same thread and a stale id would show on the next one's lines.
 */
class RequestIdLoggingIT {

    private static final String GOLDEN_WOK = "000000000000000000000001";
    private static final String ACCESS_LOGGER = RequestLoggingFilter.class.getName();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyLineOfARequestCarriesItsIdAndNoLaterRequestInheritsIt() {
        try (StoppableMongoServer database = StoppableMongoServer.onFreePort().start();
                ChildProcessApp app = ChildProcessApp.start(
                        "request-id-logging",
                        database.uri(),
                        "--logging.structured.format.console=ecs",
                        "--server.tomcat.threads.max=1",
                        "--server.tomcat.threads.min-spare=1")) {
            database.seed(Fixtures.restaurants());
            Http http = app.awaitLive(Duration.ofSeconds(60)).http();

            String found = requestId(http.get("/api/v1/restaurant/" + GOLDEN_WOK, "X-Request-Id", "found-1"));
            database.stop();
            String unavailable = requestId(http.get("/api/v1/restaurant?page=0", "X-Request-Id", "unavailable-1"));
            String generated = requestId(http.get("/api/v1/restaurant?page=1"));
            String replaced = requestId(http.get("/api/v1/restaurant?page=2", "X-Request-Id", "not an id!"));
            assertThat(http.get("/api/v1/restaurant", "X-Padding", "x".repeat(9000))
                            .statusCode())
                    .as("a request the server refuses before any filter, which it logs on the request thread")
                    .isEqualTo(400);

            List<List<JsonNode>> requests = linesByRequest(app, 4);
            assertThat(requests.get(4))
                    .as("request-thread lines after the last request")
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line.has("requestId"))
                            .as("a stale id on %s", line)
                            .isFalse());
            assertThat(List.of(found, unavailable)).containsExactly("found-1", "unavailable-1");
            assertThat(generated).isNotIn(found, unavailable);
            assertThat(replaced).isNotIn(found, unavailable, generated, "not an id!");
            assertEveryLineCarries(requests.get(0), found);
            assertEveryLineCarries(requests.get(1), unavailable);
            assertEveryLineCarries(requests.get(2), generated);
            assertEveryLineCarries(requests.get(3), replaced);
            assertThat(requests.get(1))
                    .as("the 503's lines: at least the database warning and the access line")
                    .extracting(line -> line.path("log").path("level").asString())
                    .contains("WARN", "INFO");
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static void assertEveryLineCarries(List<JsonNode> lines, String requestId) {
        assertThat(lines)
                .as("lines of the request %s", requestId)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("requestId").asString())
                        .as("requestId of %s", line)
                        .isEqualTo(requestId));
    }

    /**
     * Every line of the log parsed as JSON, and those of the request thread cut into requests, each ending with its
     * access line, then the request thread's lines after the last one; lines of any other thread carry no id.
     */
    private static List<List<JsonNode>> linesByRequest(ChildProcessApp app, int requests) {
        List<JsonNode> lines = awaitAccessLines(app, requests);
        List<List<JsonNode>> byRequest = new ArrayList<>();
        List<JsonNode> current = new ArrayList<>();
        for (JsonNode line : lines) {
            String thread = line.path("process").path("thread").path("name").asString();
            if (!thread.startsWith("http-nio-")) {
                assertThat(line.has("requestId"))
                        .as("a line outside any request: %s", line)
                        .isFalse();
                continue;
            }
            current.add(line);
            if (line.path("log").path("logger").asString().equals(ACCESS_LOGGER)) {
                byRequest.add(current);
                current = new ArrayList<>();
            }
        }
        assertThat(byRequest).hasSize(requests);
        byRequest.add(current);
        return byRequest;
    }

    /** The log once it holds {@code count} access lines: the filter writes one after the response has gone. */
    private static List<JsonNode> awaitAccessLines(ChildProcessApp app, int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            List<JsonNode> lines = parsedLog(app);
            long accessLines = lines.stream()
                    .filter(line -> line.path("log").path("logger").asString().equals(ACCESS_LOGGER))
                    .count();
            if (accessLines >= count || Instant.now().isAfter(deadline)) {
                return lines;
            }
            ChildProcessApp.sleep(Duration.ofMillis(100));
        }
    }

    private static List<JsonNode> parsedLog(ChildProcessApp app) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(app.log(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
