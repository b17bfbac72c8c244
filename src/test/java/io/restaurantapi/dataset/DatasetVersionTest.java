package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.restaurantapi.support.TestDatabases;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DatasetVersionTest {

    @Test
    void readsTheMarkerFromThePrimaryWithReadConcernMajorityWhateverTheDatabaseSays() {
        MongoDatabase secondaryLocal = TestDatabases.client()
                .getDatabase("dataset_version_test")
                .withReadPreference(ReadPreference.secondaryPreferred())
                .withReadConcern(ReadConcern.LOCAL);

        MongoCollection<Document> versions = DatasetVersion.versionsToRead(secondaryLocal);

        assertThat(versions.getReadPreference()).isEqualTo(ReadPreference.primary());
        assertThat(versions.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
    }
}
