package io.restaurantapi.config;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoTimeouts.class)
public class MongoConfiguration {

    /** The database named by {@code MONGODB_URI}; required, because a silent default would hide a missing setting. */
    @Bean
    @Profile("!" + EmbeddedMongoConfiguration.PROFILE)
    MongoConnectionDetails mongoConnectionDetails(@Value("${MONGODB_URI:}") String uri) {
        if (uri.isBlank()) {
            throw new MissingMongoUriException();
        }
        ConnectionString connectionString = new ConnectionString(uri);
        return () -> connectionString;
    }

    @Bean
    MongoClientSettingsBuilderCustomizer mongoTimeouts(MongoTimeouts timeouts) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                                .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(
                        pool -> pool.maxWaitTime(timeouts.poolWait().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Every read goes to the primary with read concern {@code majority}, overriding the connection string's
     * {@code readPreference} and {@code readConcernLevel} (this customizer runs after Boot applies it). The API
     * then serves only writes that a majority holds, which cannot be rolled back and which a change stream reports,
     * and a request after a seed has finished sees it (see {@code DatasetVersion}).
     */
    @Bean
    MongoClientSettingsBuilderCustomizer mongoConsistency() {
        return settings -> settings.readPreference(ReadPreference.primary()).readConcern(ReadConcern.MAJORITY);
    }

    /** Replaces Boot's MongoDB health check, whose {@code hello} command not every MongoDB-compatible server has. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
