package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.MongoQueryException;
import com.mongodb.ServerAddress;
import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * What the service serves when a reseed swaps the collection under its reads, on a repository that plays the swap:
 * each response must come from one dataset.
 */
class RestaurantServiceDuringAReseedTest {

    private final ScriptedRepository repository = new ScriptedRepository();
    private final RestaurantService service = new RestaurantService(
            repository, new ResponseCacheProperties(DataSize.ofMegabytes(1), 100, Duration.ofSeconds(60)));

    private static final RestaurantQuery FIRST_PAGE =
            new RestaurantQuery(null, null, null, null, null, List.of(), new Paging(0, 10));

    private static String json(JsonBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheListAgainWhenTheSwapInterruptsItsRead() throws Exception {
        repository.interruptedReads = 1;

        RestaurantList list = service.list(RestaurantQuery.ALL);

        assertThat(json(list.body())).contains("\"read\": 2");
    }

    @Test
    void givesUpOnAReadInterruptedOnEveryTry() {
        repository.interruptedReads = RestaurantService.RENDER_ATTEMPTS;

        assertThatThrownBy(() -> service.list(RestaurantQuery.ALL)).isInstanceOf(MongoException.class);
    }

    @Test
    void passesOnOtherDatabaseErrorsAtOnce() {
        repository.failure = new MongoException("connection refused");

        assertThatThrownBy(() -> service.list(RestaurantQuery.ALL)).hasMessage("connection refused");
        assertThat(repository.reads).isEqualTo(1);
    }

    @Test
    void readsAPageAgainWhenItsTotalChangedWhileThePageWasRead() throws Exception {
        repository.counts.addAll(List.of(6L, 4L, 4L, 4L));

        RestaurantList page = service.list(FIRST_PAGE);

        assertThat(page.totalCount()).isEqualTo(4);
        assertThat(json(page.body())).contains("\"read\": 2");
    }

    @Test
    void servesTheLastPageReadWhenItsTotalKeepsChanging() throws Exception {
        repository.counts.addAll(List.of(1L, 2L, 3L, 4L, 5L, 6L));

        RestaurantList page = service.list(FIRST_PAGE);

        assertThat(page.totalCount()).isEqualTo(6);
        assertThat(json(page.body())).contains("\"read\": " + RestaurantService.RENDER_ATTEMPTS);
    }

    /** Serves one restaurant that says which read of the collection returned it, and the counts a test lines up. */
    private static final class ScriptedRepository extends RestaurantRepository {

        private final Deque<Long> counts = new ArrayDeque<>();
        private int interruptedReads;
        private MongoException failure;
        private int reads;

        ScriptedRepository() {
            super(null, "restaurant");
        }

        @Override
        public void forEach(RestaurantQuery query, int batchSize, Consumer<RawBsonDocument> action) {
            reads++;
            if (failure != null) {
                throw failure;
            }
            if (interruptedReads > 0) {
                interruptedReads--;
                throw new MongoQueryException(
                        BsonDocument.parse(
                                "{ok: 0, code: 175, codeName: 'QueryPlanKilled', errmsg: 'collection renamed'}"),
                        new ServerAddress());
            }
            action.accept(RawBsonDocument.parse(
                    "{\"_id\": {\"$oid\": \"000000000000000000000001\"}, \"read\": " + reads + "}"));
        }

        @Override
        public long count(RestaurantQuery query) {
            return counts.isEmpty() ? 1 : counts.removeFirst();
        }

        @Override
        public long estimatedCount() {
            return 1;
        }

        @Override
        public String datasetVersion() {
            return "v1";
        }
    }
}
