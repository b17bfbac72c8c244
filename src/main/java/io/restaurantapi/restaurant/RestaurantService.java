package io.restaurantapi.restaurant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoException;
import io.restaurantapi.web.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Finds restaurants and renders them as the JSON the API serves.
 *
 * <p>Rendered responses are kept, keyed on the dataset version that the seeder changes whenever it swaps a dataset
 * in, and on what was asked, so the first request after a reseed renders afresh. The version comes from a
 * {@link DatasetVersionLease}: under load, a read of it every hundred milliseconds or so rather than one per
 * request. Nothing is kept longer than {@link ResponseCacheProperties#maxAge()}, so that a change the seeder did not
 * make, which leaves the version as it was, shows within that time, and sooner where a {@link DatasetChangeWatcher}
 * reports it: then {@link #forgetRestaurant} or {@link #forgetAll} drop what it made stale.
 */
@Service
@EnableConfigurationProperties(ResponseCacheProperties.class)
public class RestaurantService {

    static final int CURSOR_BATCH_SIZE = 1000;
    private static final int STREAMED_LIST_WEIGHT = 1024;

    /** MongoDB's error for a read whose collection was dropped or renamed under it, as a reseed's swap does. */
    static final int QUERY_PLAN_KILLED = 175;

    static final int RENDER_ATTEMPTS = 3;

    private final RestaurantRepository repository;
    private final ResponseCacheProperties properties;
    private final DatasetVersionLease datasetVersion;
    private final Cache<ResponseKey, RenderedResponse> rendered;
    private final AtomicLong forgettings = new AtomicLong();

    @Autowired
    public RestaurantService(RestaurantRepository repository, ResponseCacheProperties properties) {
        this(repository, properties, System::nanoTime);
    }

    /** With {@code nanoClock} for the version lease and the age of kept responses. */
    RestaurantService(RestaurantRepository repository, ResponseCacheProperties properties, LongSupplier nanoClock) {
        this.repository = repository;
        this.properties = properties;
        this.datasetVersion = new DatasetVersionLease(repository::datasetVersion, nanoClock);
        this.rendered = Caffeine.newBuilder()
                .ticker(nanoClock::getAsLong)
                // An entry has expired once it is max-age old, so with max-age 0 nothing is ever served from here.
                .expireAfterWrite(properties.maxAge())
                .maximumWeight(properties.maxSize().toBytes())
                .weigher((ResponseKey key, RenderedResponse response) -> weight(response))
                .build();
    }

    /** The restaurant with {@code id}: its JSON object and a strong entity tag of its content. */
    public RestaurantJsonObject findById(String id) {
        if (!ObjectId.isValid(id)) {
            throw new InvalidParameterException(
                    "id", "Restaurant id must be 24 hexadecimal digits (a MongoDB ObjectId).");
        }
        RestaurantKey key = new RestaurantKey(datasetVersion.current(), new ObjectId(id));
        return cached(key, RestaurantJsonObject.class, () -> render(key, id));
    }

    /** The restaurants the query selects, as a JSON array, with the total count when the query asks for a page. */
    public RestaurantList list(RestaurantQuery query) {
        ListKey key = new ListKey(datasetVersion.current(), query);
        return cached(key, RestaurantList.class, () -> renderOrStream(key));
    }

    /** Drops the kept responses that a change to the restaurant with {@code id} makes stale: it and every list. */
    public void forgetRestaurant(ObjectId id) {
        forgettings.incrementAndGet();
        rendered.asMap()
                .keySet()
                .removeIf(key ->
                        key instanceof ListKey || ((RestaurantKey) key).id().equals(id));
    }

    /** Drops every kept response. */
    public void forgetAll() {
        forgettings.incrementAndGet();
        rendered.invalidateAll();
    }

    /**
     * A response rendered while something was forgotten may have read the database before the change, and a
     * render still in flight is not among the entries that the forgetting dropped: so it is not kept. Either the
     * forgetting finds the response kept and drops it, or this sees the count move on and drops it here.
     */
    private <T extends RenderedResponse> T cached(ResponseKey key, Class<T> type, Supplier<T> render) {
        long forgottenBefore = forgettings.get();
        T response = type.cast(rendered.get(key, absent -> onOneDataset(render)));
        if (forgettings.get() != forgottenBefore) {
            rendered.invalidate(key);
        }
        return response;
    }

    /**
     * Renders again when a reseed's swap interrupted a read in flight, as MongoDB does to every read of a collection
     * that is renamed or dropped (QueryPlanKilled): the next try reads the new collection whole.
     */
    private static <T> T onOneDataset(Supplier<T> render) {
        for (int attempt = 1; ; attempt++) {
            try {
                return render.get();
            } catch (MongoException e) {
                if (e.getCode() != QUERY_PLAN_KILLED || attempt == RENDER_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private RestaurantJsonObject render(RestaurantKey key, String requestedId) {
        byte[] json = repository
                .findById(key.id())
                .map(RestaurantJson::toJson)
                .orElseThrow(() -> new RestaurantNotFoundException(requestedId));
        return new RestaurantJsonObject(entityTag(json), new RenderedJson(json));
    }

    /**
     * The list rendered, or, for the unpaged list of a collection too large to hold, a body that streams it from
     * the cursor on every request: then only that decision and the entity tag are kept.
     */
    private RestaurantList renderOrStream(ListKey key) {
        RestaurantQuery query = key.query();
        if (!query.isPaged() && repository.estimatedCount() > properties.maxCachedDocuments()) {
            return new RestaurantList(
                    streamedListTag(key), new StreamedJsonArray(repository, query, CURSOR_BATCH_SIZE), null);
        }
        if (query.isPaged()) {
            return renderPage(query);
        }
        byte[] json = renderArray(query);
        return new RestaurantList(entityTag(json), RenderedJson.withGzip(json), null);
    }

    /**
     * A page and its total are two reads, so the total is counted on both sides of the page: if a reseed swapped the
     * collection in between, the counts differ and the page is read again. A writer other than the seeder changes
     * the collection document by document and may keep them differing; then the last page read is served.
     */
    private RestaurantList renderPage(RestaurantQuery query) {
        for (int attempt = 1; ; attempt++) {
            long countBefore = repository.count(query);
            byte[] json = renderArray(query);
            long count = repository.count(query);
            if (count == countBefore || attempt == RENDER_ATTEMPTS) {
                return new RestaurantList(entityTag(json), RenderedJson.withGzip(json), count);
            }
        }
    }

    private byte[] renderArray(RestaurantQuery query) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            RestaurantJson.writeArray(repository, query, CURSOR_BATCH_SIZE, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toByteArray();
    }

    /**
     * A streamed list's bytes are never held to hash, so its tag names the kept decision to stream it: a new tag
     * each time that decision is made again, after a reseed or once {@code max-age} has passed.
     */
    private static String streamedListTag(ListKey key) {
        return entityTag((key + "|" + new ObjectId()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a kept response takes: the bytes its body holds, both encodings of a list, or a nominal kilobyte for a
     * streamed list, which holds none.
     */
    private static int weight(RenderedResponse response) {
        if (response.body() instanceof RenderedJson json) {
            return (int) Math.min(Integer.MAX_VALUE, json.heldBytes());
        }
        return STREAMED_LIST_WEIGHT;
    }

    /** The bytes kept responses take together, once the cache has done the evictions it owes. */
    long keptBytes() {
        rendered.cleanUp();
        return rendered.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    static String entityTag(byte[] content) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(content)) + "\"";
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** What names a rendered response: the same key gives the same bytes. */
    sealed interface ResponseKey permits ListKey, RestaurantKey {}

    /** A list is the same bytes for the same dataset version and query. */
    record ListKey(String datasetVersion, RestaurantQuery query) implements ResponseKey {}

    /** A restaurant is the same bytes for the same dataset version. */
    record RestaurantKey(String datasetVersion, ObjectId id) implements ResponseKey {}
}
