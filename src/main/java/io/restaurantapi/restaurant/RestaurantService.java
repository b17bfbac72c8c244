package io.restaurantapi.restaurant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.restaurantapi.web.InvalidParameterException;
import org.bson.types.ObjectId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Finds restaurants and renders them as the JSON the API serves.
 *
 * <p>Rendered responses are kept, keyed on the dataset version that the seeder changes whenever it writes, and
 * on what was asked, so the first request after a reseed renders afresh. The version comes from a
 * {@link DatasetVersionLease}: under load, a read of it every hundred milliseconds or so rather than one per
 * request. A list's key also makes its entity tag, so a client's conditional request needs no rendering at all.
 */
@Service
@EnableConfigurationProperties(ResponseCacheProperties.class)
public class RestaurantService {

    static final int CURSOR_BATCH_SIZE = 1000;
    private static final int STREAMED_LIST_WEIGHT = 1024;

    private final RestaurantRepository repository;
    private final ResponseCacheProperties properties;
    private final DatasetVersionLease datasetVersion;
    private final Cache<ResponseKey, RenderedResponse> rendered;

    public RestaurantService(RestaurantRepository repository, ResponseCacheProperties properties) {
        this.repository = repository;
        this.properties = properties;
        this.datasetVersion = new DatasetVersionLease(repository::datasetVersion, System::nanoTime);
        this.rendered = Caffeine.newBuilder()
                .maximumWeight(properties.maxSize().toBytes())
                .weigher((ResponseKey key, RenderedResponse response) -> weight(response))
                .build();
    }

    /** The restaurant with {@code id}: its JSON object and a strong entity tag of its content. */
    public RestaurantJsonObject findById(String id) {
        if (!ObjectId.isValid(id)) {
            throw new InvalidParameterException("id", "Restaurant id must be 24 hexadecimal digits (a MongoDB ObjectId).");
        }
        RestaurantKey key = new RestaurantKey(datasetVersion.current(), new ObjectId(id));
        return cached(key, RestaurantJsonObject.class, () -> render(key, id));
    }

    /** The restaurants the query selects, as a JSON array, with the total count when the query asks for a page. */
    public RestaurantList list(RestaurantQuery query) {
        ListKey key = new ListKey(datasetVersion.current(), query);
        return cached(key, RestaurantList.class, () -> renderOrStream(key));
    }

    private <T extends RenderedResponse> T cached(ResponseKey key, Class<T> type, Supplier<T> render) {
        return type.cast(rendered.get(key, absent -> render.get()));
    }

    private RestaurantJsonObject render(RestaurantKey key, String requestedId) {
        byte[] json = repository.findById(key.id())
                .map(RestaurantJson::toJson)
                .orElseThrow(() -> new RestaurantNotFoundException(requestedId));
        return new RestaurantJsonObject(entityTag(json), new RenderedJson(json));
    }

    /**
     * The list rendered, or, for the unpaged list of a collection too large to hold, a body that streams it from
     * the cursor on every request: then only that decision and the entity tag are kept.
     */
    private RestaurantList renderOrStream(ListKey key) {
        if (!key.query().isPaged() && repository.estimatedCount() > properties.maxCachedDocuments()) {
            return new RestaurantList(key.entityTag(), new StreamedJsonArray(repository, key.query(), CURSOR_BATCH_SIZE), null);
        }
        return render(key);
    }

    private RestaurantList render(ListKey key) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            RestaurantJson.writeArray(repository, key.query(), CURSOR_BATCH_SIZE, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long totalCount = key.query().isPaged() ? repository.count(key.query()) : null;
        return new RestaurantList(key.entityTag(), new RenderedJson(json.toByteArray()), totalCount);
    }

    /** What a kept response takes: its bytes, or a nominal kilobyte for a streamed list, which holds none. */
    private static int weight(RenderedResponse response) {
        long length = response.body().contentLength();
        return length < 0 ? STREAMED_LIST_WEIGHT : (int) Math.min(Integer.MAX_VALUE, length);
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
    sealed interface ResponseKey permits ListKey, RestaurantKey {
    }

    /** A list is the same bytes for the same dataset version and query. */
    record ListKey(String datasetVersion, RestaurantQuery query) implements ResponseKey {

        String entityTag() {
            return RestaurantService.entityTag((datasetVersion + "|" + query).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A restaurant is the same bytes for the same dataset version. */
    record RestaurantKey(String datasetVersion, ObjectId id) implements ResponseKey {
    }
}
