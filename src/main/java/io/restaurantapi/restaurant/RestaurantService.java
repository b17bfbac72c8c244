package io.restaurantapi.restaurant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.restaurantapi.web.InvalidParameterException;
import org.bson.types.ObjectId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Finds restaurants and renders them as the JSON the API serves.
 *
 * <p>Rendered lists are kept, keyed on the dataset version that the seeder changes whenever it writes, and on
 * the query: every request reads the current version first, so the first request after a reseed renders afresh.
 * The same key makes the list's entity tag, so a client's conditional request needs no rendering at all.
 */
@Service
@EnableConfigurationProperties(ListCacheProperties.class)
public class RestaurantService {

    static final int CURSOR_BATCH_SIZE = 1000;

    private final RestaurantRepository repository;
    private final ListCacheProperties properties;
    private final Cache<ListKey, RestaurantList> renderedLists;

    public RestaurantService(RestaurantRepository repository, ListCacheProperties properties) {
        this.repository = repository;
        this.properties = properties;
        this.renderedLists = Caffeine.newBuilder()
                .maximumWeight(properties.maxSize().toBytes())
                .weigher((ListKey key, RestaurantList list) -> (int) Math.min(Integer.MAX_VALUE, list.body().contentLength()))
                .build();
    }

    /** The restaurant with {@code id}: its JSON object and a strong entity tag of its content. */
    public RestaurantJsonObject findById(String id) {
        if (!ObjectId.isValid(id)) {
            throw new InvalidParameterException("id", "Restaurant id must be 24 hexadecimal digits (a MongoDB ObjectId).");
        }
        byte[] json = repository.findById(new ObjectId(id))
                .map(RestaurantJson::toJson)
                .orElseThrow(() -> new RestaurantNotFoundException(id));
        return new RestaurantJsonObject(entityTag(json), new RenderedJson(json));
    }

    /** The restaurants the query selects, as a JSON array, with the total count when the query asks for a page. */
    public RestaurantList list(RestaurantQuery query) {
        ListKey key = new ListKey(repository.datasetVersion(), query);
        RestaurantList rendered = renderedLists.getIfPresent(key);
        if (rendered != null) {
            return rendered;
        }
        if (!query.isPaged() && repository.estimatedCount() > properties.maxCachedDocuments()) {
            return new RestaurantList(key.entityTag(), new StreamedJsonArray(repository, query, CURSOR_BATCH_SIZE), null);
        }
        return renderedLists.get(key, this::render);
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

    /** A rendered list is the same bytes for the same dataset version and query: that pair names it. */
    record ListKey(String datasetVersion, RestaurantQuery query) {

        String entityTag() {
            return RestaurantService.entityTag((datasetVersion + "|" + query).getBytes(StandardCharsets.UTF_8));
        }
    }
}
