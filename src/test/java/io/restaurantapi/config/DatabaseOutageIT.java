package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.dataset.DatasetVersion;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.FreePort;
import io.restaurantapi.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service while its database goes away and comes back: a MongoDB wire server of the test's own,
 * stopped and restarted on the same port. Once the dataset version's lease has run out the service must ask the
 * database, and then it answers within what the driver's timeouts allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {

    private static final String ID = "000000000000000000000001";
    private static final int PORT = FreePort.find();
    /** Time to answer over HTTP besides the driver's wait, on a machine shared with other work. */
    private static final Duration HTTP_MARGIN = Duration.ofMillis(500);

    private static MongoServer database = startDatabase();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("MONGODB_URI", () -> "mongodb://127.0.0.1:" + PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTimeouts timeouts;

    @AfterAll
    static void stopDatabase() {
        database.shutdownNow();
    }

    private static MongoServer startDatabase() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", PORT);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + PORT)) {
            new DatasetSeeder(client.getDatabase("restaurant"), "restaurant").seed(Fixtures.restaurants(), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @Test
    void failsFastWhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
        Http http = new Http(port);
        assertThat(http.get("/api/v1/restaurant/" + ID).statusCode()).isEqualTo(200);

        database.shutdownNow();
        // Until then the service may rightly answer from memory with the version it read before the outage.
        Thread.sleep(DatasetVersion.READER_LEASE.toMillis());

        Instant start = Instant.now();
        HttpResponse<String> duringOutage = http.get("/api/v1/restaurant/" + ID);
        // The driver waits for a server to select, then for a connection to it, before it gives up.
        Duration driverWait = timeouts.serverSelection().plus(timeouts.connect());
        assertThat(Duration.between(start, Instant.now())).isLessThan(driverWait.plus(HTTP_MARGIN));
        assertThat(duringOutage.statusCode()).isEqualTo(503);
        assertThat(duringOutage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(http.get("/api/v1/restaurant").statusCode()).isEqualTo(503);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        database = startDatabase();

        assertThat(eventually(() -> http.get("/api/v1/restaurant/" + ID).statusCode(), Duration.ofSeconds(10)))
                .isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    /** The status once it is 200, polling until {@code limit}; the last status otherwise. */
    private static int eventually(java.util.function.IntSupplier status, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int last = status.getAsInt();
        while (last != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = status.getAsInt();
        }
        return last;
    }
}
