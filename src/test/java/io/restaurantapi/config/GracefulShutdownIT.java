package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.ChildProcessApp;
import io.restaurantapi.support.GeneratedDataset;
import io.restaurantapi.support.RawHttp;
import io.restaurantapi.support.StoppableMongoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM while a response is on its way: the packaged service, serving a list large enough to stream from
 * the database cursor for seconds to a client that reads slowly, must finish that response, refuse new
 * connections, and exit within its grace period (20 s, {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
class GracefulShutdownIT {

    private static final int RESTAURANTS = 25_000;
    private static final int PADDING = 650;
    private static final Duration GRACE_PERIOD_WITH_MARGIN = Duration.ofSeconds(25);

    @TempDir
    Path directory;

    @Test
    void finishesTheResponseInFlightRefusesNewConnectionsAndExitsWithinTheGracePeriod() throws Exception {
        try (StoppableMongoServer database = StoppableMongoServer.onFreePort().start();
                ChildProcessApp app = ChildProcessApp.start(
                        "graceful-shutdown", database.uri(), "--restaurant.response-cache.max-cached-documents=1")) {
            Path file = GeneratedDataset.write(directory.resolve("many.jsonl"), RESTAURANTS, PADDING);
            assertThat(Files.size(file)).as("bytes of JSON to stream").isGreaterThan(20_000_000L);
            assertThat(database.seed(file).inserted()).isEqualTo(RESTAURANTS);
            app.awaitLive(Duration.ofSeconds(90));

            try (Socket slowClient = new Socket()) {
                slowClient.setReceiveBufferSize(16 * 1024);
                slowClient.connect(new InetSocketAddress("127.0.0.1", app.port()));
                slowClient.setSoTimeout(30_000);
                slowClient.getOutputStream().write(RawHttp.get("/api/v1/restaurant"));
                InputStream in = slowClient.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                readAtLeast(in, received, 256 * 1024);

                app.terminate();
                Instant terminated = Instant.now();

                assertThat(newConnectionsRefusedWithin(app.port(), Duration.ofSeconds(10)))
                        .as("a new connection is refused once the shutdown has started")
                        .isTrue();
                assertThat(app.process().isAlive())
                        .as("the service still runs while a response is in flight")
                        .isTrue();

                received.write(RawHttp.readToEnd(in));
                RawHttp.Response response = RawHttp.Response.parse(received.toByteArray());
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.complete())
                        .as("the response arrived whole, up to its last chunk")
                        .isTrue();
                JsonNode restaurants = JsonMapper.builder().build().readTree(response.body());
                assertThat(restaurants.size()).isEqualTo(RESTAURANTS);
                assertThat(restaurants.get(RESTAURANTS - 1).get("_id").asString())
                        .isEqualTo(GeneratedDataset.id(RESTAURANTS - 1));

                int exitStatus = app.awaitExit(GRACE_PERIOD_WITH_MARGIN);
                assertThat(exitStatus).as("exit status after SIGTERM").isIn(0, 143);
                assertThat(Duration.between(terminated, Instant.now())).isLessThan(GRACE_PERIOD_WITH_MARGIN);
            }
        }
    }

    private static void readAtLeast(InputStream in, ByteArrayOutputStream received, int bytes) throws IOException {
        byte[] buffer = new byte[8 * 1024];
        while (received.size() < bytes) {
            int n = in.read(buffer);
            assertThat(n).as("the response is still being sent").isPositive();
            received.write(buffer, 0, n);
        }
    }

    /** True once a connection attempt to {@code port} is refused, trying every 100 ms up to {@code limit}. */
    private static boolean newConnectionsRefusedWithin(int port, Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return true;
            }
            ChildProcessApp.sleep(Duration.ofMillis(100));
        }
        return false;
    }
}
