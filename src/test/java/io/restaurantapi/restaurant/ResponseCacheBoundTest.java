package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The memory the response cache holds, on a repository that makes up restaurants of any size: what it counts is
 * what it holds, it holds no more than {@code max-size}, and what it lets go first is what is used least.
 */
class ResponseCacheBoundTest {

    private static final DataSize MAX_SIZE = DataSize.ofKilobytes(64);
    private static final int MAX_CACHED_DOCUMENTS = 100;

    private final SizedRepository repository = new SizedRepository();
    private final RestaurantService service = new RestaurantService(
            repository, new ResponseCacheProperties(MAX_SIZE, MAX_CACHED_DOCUMENTS, Duration.ofSeconds(60)));

    private static RestaurantQuery page(int page) {
        return new RestaurantQuery(null, null, null, null, null, List.of(), new Paging(page, 1));
    }

    private static String restaurantId(int number) {
        return String.format("%024x", number);
    }

    private static byte[] bytes(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void weighsAKeptListAsTheBytesOfBothItsEncodings() throws Exception {
        RestaurantList list = service.list(page(0));

        long identity = bytes(list.body()).length;
        long gzipped = bytes(list.body().gzipped()).length;
        assertThat(gzipped).isPositive();
        assertThat(service.keptBytes()).isEqualTo(identity + gzipped);
    }

    @Test
    void weighsAKeptRestaurantAsTheBytesOfItsJson() throws Exception {
        RestaurantJsonObject restaurant = service.findById(restaurantId(1));

        assertThat(service.keptBytes()).isEqualTo(bytes(restaurant.body()).length);
    }

    @Test
    void keepsNoMoreThanMaxSizeHoweverManyResponsesAreAsked() {
        for (int page = 0; page < 1000; page++) {
            service.list(page(page));
        }

        assertThat(service.keptBytes()).isLessThanOrEqualTo(MAX_SIZE.toBytes()).isGreaterThan(MAX_SIZE.toBytes() / 2);
    }

    @Test
    void keepsAFrequentlyUsedResponseWhileResponsesAskedOnceComeAndGo() {
        RestaurantList popular = service.list(page(0));
        for (int page = 1; page < 1000; page++) {
            service.list(page(0));
            service.list(page(page));
        }

        assertThat(service.list(page(0))).isSameAs(popular);
        assertThat(repository.pageReads(0)).isEqualTo(1);
    }

    @Test
    void servesAResponseLargerThanMaxSizeWithoutKeepingIt() throws Exception {
        repository.paddingOfPage0 = (int) MAX_SIZE.toBytes();

        RestaurantList large = service.list(page(0));

        assertThat(bytes(large.body()).length).isGreaterThan((int) MAX_SIZE.toBytes());
        assertThat(service.keptBytes()).isZero();
        service.list(page(0));
        assertThat(repository.pageReads(0)).isEqualTo(2);
    }

    @Test
    void keepsOtherResponsesWhenOneLargerThanMaxSizePassesThrough() {
        RestaurantList small = service.list(page(1));
        long smallBytes = service.keptBytes();
        repository.paddingOfPage0 = (int) MAX_SIZE.toBytes();

        service.list(page(0));

        assertThat(service.keptBytes()).isEqualTo(smallBytes);
        assertThat(service.list(page(1))).isSameAs(small);
    }

    @Test
    void streamsTheUnpagedListOfAHugeCollectionWithoutHoldingIt() throws Exception {
        repository.documents = 20_000;
        CountingOutputStream first = new CountingOutputStream();
        CountingOutputStream second = new CountingOutputStream();

        service.list(RestaurantQuery.ALL).body().writeTo(first);
        service.list(RestaurantQuery.ALL).body().writeTo(second);

        assertThat(first.count).isGreaterThan(10 * MAX_SIZE.toBytes());
        assertThat(second.count).isEqualTo(first.count);
        assertThat(repository.listReads)
                .as("reads of the collection, one a request")
                .isEqualTo(2);
        assertThat(service.keptBytes())
                .isLessThanOrEqualTo(DataSize.ofKilobytes(1).toBytes());
    }

    /**
     * Restaurants of about 500 bytes each, as many as a test asks for; a page of one restaurant names its page
     * number, so that every page is a distinct response.
     */
    private static final class SizedRepository extends RestaurantRepository {

        private static final String PADDING = "x".repeat(500);

        private final int[] pageReads = new int[1000];
        private int paddingOfPage0 = PADDING.length();
        private long documents = MAX_CACHED_DOCUMENTS;
        private int listReads;

        SizedRepository() {
            super(null, "restaurant");
        }

        int pageReads(int page) {
            return pageReads[page];
        }

        @Override
        public Optional<RawBsonDocument> findById(ObjectId id) {
            return Optional.of(restaurant(id.toHexString(), PADDING));
        }

        @Override
        public void forEach(RestaurantQuery query, int batchSize, Consumer<RawBsonDocument> action) {
            if (query.isPaged()) {
                int page = query.paging().page();
                pageReads[page]++;
                action.accept(restaurant(restaurantId(page), page == 0 ? "x".repeat(paddingOfPage0) : PADDING));
                return;
            }
            listReads++;
            for (int number = 0; number < documents; number++) {
                action.accept(restaurant(restaurantId(number), "restaurant " + number));
            }
        }

        private static RawBsonDocument restaurant(String id, String name) {
            return RawBsonDocument.parse("{\"_id\": {\"$oid\": \"" + id + "\"}, \"name\": \"" + name + "\"}");
        }

        @Override
        public long count(RestaurantQuery query) {
            return documents;
        }

        @Override
        public long estimatedCount() {
            return documents;
        }

        @Override
        public String datasetVersion() {
            return "v1";
        }
    }

    private static final class CountingOutputStream extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
