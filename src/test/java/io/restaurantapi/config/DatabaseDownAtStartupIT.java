package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.ChildProcessApp;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.StoppableMongoServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The packaged service started while nothing listens on its MongoDB port, as when a pod starts before its
 * database: it must come up, say it is not ready, refuse API requests fast, and become ready by itself once
 * the database appears.
 */
class DatabaseDownAtStartupIT {

    private static final String GOLDEN_WOK = "000000000000000000000001";
    private static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** The driver waits for a server to select, then for a connection to it, before it gives up. */
    private static final Duration DRIVER_WAIT = SERVER_SELECTION_TIMEOUT.plus(CONNECT_TIMEOUT);
    /** Time to answer over HTTP besides the driver's wait, on a machine shared with other work. */
    private static final Duration HTTP_MARGIN = Duration.ofMillis(500);

    @Test
    void startsNotReadyWithoutItsDatabaseAndBecomesReadyWhenTheDatabaseAppears() {
        try (StoppableMongoServer database = StoppableMongoServer.onFreePort();
                ChildProcessApp app = ChildProcessApp.start(
                        "database-down-at-startup",
                        database.uri(),
                        "--restaurant.mongodb.timeouts.server-selection=" + SERVER_SELECTION_TIMEOUT.toMillis() + "ms",
                        "--restaurant.mongodb.timeouts.connect=" + CONNECT_TIMEOUT.toMillis() + "ms")) {
            app.awaitLive(Duration.ofSeconds(60));
            Http http = app.http();

            assertThat(http.get("/actuator/health/liveness").statusCode())
                    .as("liveness")
                    .isEqualTo(200);
            HttpResponse<String> readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as("readiness").isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");

            assertAnsweredFastWith503Problem(http, "/api/v1/restaurant/" + GOLDEN_WOK);
            assertAnsweredFastWith503Problem(http, "/api/v1/restaurant");

            database.start();
            database.seed(Fixtures.restaurants());

            Instant appeared = Instant.now();
            int ready = pollUntil200(http, "/actuator/health/readiness", Duration.ofSeconds(10));
            assertThat(ready).as("readiness once the database is there").isEqualTo(200);
            assertThat(Duration.between(appeared, Instant.now())).isLessThan(Duration.ofSeconds(10));
            HttpResponse<String> restaurant = http.get("/api/v1/restaurant/" + GOLDEN_WOK);
            assertThat(restaurant.statusCode()).isEqualTo(200);
            assertThat(restaurant.body()).contains("\"name\": \"Golden Wok\"");
            assertThat(app.process().isAlive())
                    .as("the same process, never restarted")
                    .isTrue();
        }
    }

    private static void assertAnsweredFastWith503Problem(Http http, String path) {
        Instant start = Instant.now();
        HttpResponse<String> response = http.get(path);
        assertThat(Duration.between(start, Instant.now()))
                .as("time to answer %s", path)
                .isLessThan(DRIVER_WAIT.plus(HTTP_MARGIN));
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("\"status\":503", "\"detail\":");
    }

    private static int pollUntil200(Http http, String path, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        int status = http.get(path).statusCode();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            ChildProcessApp.sleep(Duration.ofMillis(200));
            status = http.get(path).statusCode();
        }
        return status;
    }
}
