package io.restaurantapi.config;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.dataset.DatasetSource;
import io.restaurantapi.dataset.DatasetUnavailableException;
import io.restaurantapi.dataset.SeedReport;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded development database: an in-process, in-memory MongoDB wire-protocol server, loaded with the
 * dataset by the seeder at startup. Active only with the {@value #PROFILE} profile, never as a fallback.
 */
@Configuration(proxyBeanMethods = false)
@Profile(EmbeddedMongoConfiguration.PROFILE)
public class EmbeddedMongoConfiguration {

    public static final String PROFILE = "embedded";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        log.warn(
                "Using the EMBEDDED development database (in-memory, {}): data lives only as long as this process. "
                        + "Set MONGODB_URI and drop the '{}' profile to use a real MongoDB.",
                server.getLocalAddress(),
                PROFILE);
        return server;
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(MongoServer embeddedMongoServer) {
        ConnectionString connectionString = new ConnectionString(embeddedMongoServer.getConnectionString());
        return () -> connectionString;
    }

    /** Loads the dataset before the service reports ready, through the same seeder as every other environment. */
    @Bean
    ApplicationRunner embeddedDatasetLoader(
            MongoTemplate mongo,
            @Value("${restaurant.collection}") String collection,
            @Value("${restaurant.dataset:}") String dataset) {
        return arguments -> {
            Path file = resolve(dataset);
            SeedReport report = new DatasetSeeder(mongo.getDb(), collection).seed(file, false);
            log.info("Embedded database loaded from {}: {}", file, report.summary());
            report.rejected().forEach(line -> log.warn("Dataset {}", line.getMessage()));
        };
    }

    private static Path resolve(String dataset) {
        try {
            return DatasetSource.PINNED.resolve(dataset);
        } catch (DatasetUnavailableException e) {
            throw new EmbeddedDatasetUnavailableException(e);
        }
    }
}
