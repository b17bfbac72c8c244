package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.ExclusiveRenameBackend;
import io.restaurantapi.support.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The watcher over a real wire connection to a server without change streams, the in-process mongo-java-server
 * (whatever backend the other tests use): it says so once and stops, and the version lease keeps seeds showing.
 */
class DatasetChangeWatcherFallbackTest {

    private static final String GOLDEN_WOK = "000000000000000000000001";

    private final MongoServer server = new MongoServer(new ExclusiveRenameBackend());
    private MongoClient client;
    private MongoTemplate mongo;
    private RestaurantService service;
    private DatasetChangeWatcher watcher;
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "watcher_fallback_test");
        new DatasetSeeder(mongo.getDb(), "restaurant").seed(Fixtures.restaurants(), true);
        service = new RestaurantService(
                new RestaurantRepository(mongo, "restaurant"),
                new ResponseCacheProperties(DataSize.ofMegabytes(1), 100, Duration.ofHours(1)));
        watcher = new DatasetChangeWatcher(client, mongo, "restaurant", service);
    }

    @AfterEach
    void stop() {
        rootLogger.detachAppender(logged);
        if (watcher.isRunning()) {
            watcher.stop();
        }
        client.close();
        server.shutdownNow();
    }

    private void startAndAwaitStop() throws InterruptedException {
        logged.start();
        rootLogger.addAppender(logged);
        watcher.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watcher.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void saysOnceInOneLineThatThereIsNoChangeStreamAndStops() throws Exception {
        startAndAwaitStop();

        assertThat(watcher.isRunning()).isFalse();
        assertThat(logged.list)
                .filteredOn(event -> event.getLoggerName().equals(DatasetChangeWatcher.class.getName()))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.INFO);
                    assertThat(event.getFormattedMessage())
                            .startsWith("No change stream (the server is standalone)")
                            .doesNotContain("\n");
                });
    }

    @Test
    void neitherItNorTheServerReportsAnError() throws Exception {
        startAndAwaitStop();

        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    @Test
    void aSeedStillShowsOnTheNextRequest() throws Exception {
        startAndAwaitStop();
        service.findById(GOLDEN_WOK);
        Path renamed = directory.resolve("renamed.jsonl");
        Files.writeString(renamed, Files.readString(Fixtures.restaurants()).replace("Golden Wok", "Silver Wok"));

        new DatasetSeeder(mongo.getDb(), "restaurant").seed(renamed, true);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        service.findById(GOLDEN_WOK).body().writeTo(json);
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("Silver Wok");
    }
}
