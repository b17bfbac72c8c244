package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The read preference and read concern the API reads with, whatever the connection string asks for. */
class MongoConsistencyTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, DataMongoAutoConfiguration.class))
            .withUserConfiguration(MongoConfiguration.class)
            .withPropertyValues(
                    "restaurant.mongodb.timeouts.server-selection=1s",
                    "restaurant.mongodb.timeouts.connect=1s",
                    "restaurant.mongodb.timeouts.read=1s",
                    "restaurant.mongodb.timeouts.pool-wait=1s");

    private void withDatabase(String uri, Consumer<MongoDatabase> assertion) {
        context.withPropertyValues("MONGODB_URI=" + uri)
                .run(started ->
                        assertion.accept(started.getBean(MongoTemplate.class).getDb()));
    }

    @Test
    void readsFromThePrimaryWithReadConcernMajority() {
        withDatabase("mongodb://localhost:1/restaurant", database -> {
            assertThat(database.getReadPreference()).isEqualTo(ReadPreference.primary());
            assertThat(database.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        });
    }

    @Test
    void overridesTheConnectionStringsReadPreferenceAndReadConcern() {
        withDatabase(
                "mongodb://localhost:1/restaurant?readPreference=secondaryPreferred&readConcernLevel=local",
                database -> {
                    assertThat(database.getReadPreference()).isEqualTo(ReadPreference.primary());
                    assertThat(database.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
                });
    }

    @Test
    void keepsTheConnectionStringsOtherSettings() {
        withDatabase(
                "mongodb://localhost:1/restaurant?w=2",
                database -> assertThat(database.getWriteConcern()).isEqualTo(WriteConcern.W2));
    }
}
