package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.restaurantapi.dataset.DatasetVersion;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Which kept responses each change event makes stale: one restaurant and the lists, or everything. */
class DatasetChangeWatcherTest {

    private static final String COLLECTION = "restaurant";
    private static final ObjectId RESTAURANT = new ObjectId("000000000000000000000001");
    private static final BsonDocument RESUME_TOKEN = BsonDocument.parse("{_data: '8263A1'}");

    private static ChangeStreamDocument<BsonDocument> event(
            OperationType type, String collection, BsonValue id, String renamedTo) {
        return new ChangeStreamDocument<>(
                type.getValue(),
                RESUME_TOKEN,
                collection == null ? null : namespace(collection),
                null,
                renamedTo == null ? null : namespace(renamedTo),
                null,
                null,
                id == null ? null : new BsonDocument("_id", id),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static BsonDocument namespace(String collection) {
        return new BsonDocument("db", new BsonString("restaurant")).append("coll", new BsonString(collection));
    }

    private static ChangeStreamDocument<BsonDocument> documentChange(OperationType type, BsonValue id) {
        return event(type, COLLECTION, id, null);
    }

    @Test
    void anUpdateMakesItsRestaurantStale() {
        assertThat(DatasetChangeWatcher.changedRestaurant(
                        documentChange(OperationType.UPDATE, new BsonObjectId(RESTAURANT)), COLLECTION))
                .contains(RESTAURANT);
    }

    @Test
    void aReplaceAnInsertOrADeleteMakesItsRestaurantStale() {
        for (OperationType type :
                new OperationType[] {OperationType.REPLACE, OperationType.INSERT, OperationType.DELETE}) {
            assertThat(DatasetChangeWatcher.changedRestaurant(
                            documentChange(type, new BsonObjectId(RESTAURANT)), COLLECTION))
                    .as(type.getValue())
                    .contains(RESTAURANT);
        }
    }

    @Test
    void aChangeToADocumentWhoseIdIsNoObjectIdMakesEverythingStale() {
        assertThat(DatasetChangeWatcher.changedRestaurant(
                        documentChange(OperationType.UPDATE, new BsonString("golden-wok")), COLLECTION))
                .isEmpty();
    }

    @Test
    void aChangeInAnotherCollectionNamesNoRestaurant() {
        ChangeStreamDocument<BsonDocument> staged = event(
                OperationType.INSERT,
                "restaurant_staging_000000000000000000000000",
                new BsonObjectId(RESTAURANT),
                null);

        assertThat(DatasetChangeWatcher.changedRestaurant(staged, COLLECTION)).isEmpty();
    }

    @Test
    void aStagingCollectionRenamedOverTheCollectionMakesEverythingStale() {
        ChangeStreamDocument<BsonDocument> swap =
                event(OperationType.RENAME, "restaurant_staging_000000000000000000000000", null, COLLECTION);

        assertThat(DatasetChangeWatcher.changedRestaurant(swap, COLLECTION)).isEmpty();
    }

    @Test
    void aDropOfTheCollectionMakesEverythingStale() {
        assertThat(DatasetChangeWatcher.changedRestaurant(
                        event(OperationType.DROP, COLLECTION, null, null), COLLECTION))
                .isEmpty();
    }

    @Test
    void aNewDatasetVersionMakesEverythingStale() {
        ChangeStreamDocument<BsonDocument> marker =
                event(OperationType.REPLACE, DatasetVersion.COLLECTION, new BsonString(COLLECTION), null);

        assertThat(DatasetChangeWatcher.changedRestaurant(marker, COLLECTION)).isEmpty();
    }

    @Test
    void theEndOfTheStreamMakesEverythingStale() {
        assertThat(DatasetChangeWatcher.changedRestaurant(
                        event(OperationType.INVALIDATE, null, null, null), COLLECTION))
                .isEmpty();
    }
}
