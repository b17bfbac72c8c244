package io.restaurantapi.restaurant;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.restaurantapi.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads restaurants as the raw BSON documents they are stored as, so that every field reaches the client
 * exactly as stored, whatever its name or type.
 */
@Repository
public class RestaurantRepository {

    /** Matches the characters that mean something in a regular expression, to take user text literally. */
    private static final Pattern REGEX_METACHARACTERS = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}/-]");

    private final MongoTemplate mongo;
    private final String collectionName;

    public RestaurantRepository(MongoTemplate mongo, @Value("${restaurant.collection}") String collectionName) {
        this.mongo = mongo;
        this.collectionName = collectionName;
    }

    public Optional<RawBsonDocument> findById(ObjectId id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first());
    }

    /**
     * Passes each restaurant the query selects to {@code action} as the cursor yields it. Without a requested
     * order or a page, restaurants come in the collection's natural order, so that the first ones leave at once
     * however large the collection (no sort to wait for), and in the same order as long as the data is unchanged.
     */
    public void forEach(RestaurantQuery query, int batchSize, Consumer<RawBsonDocument> action) {
        find(query).batchSize(batchSize).forEach(action);
    }

    /** The find that {@link #forEach} runs, built apart so that a test can explain the very query sent. */
    FindIterable<RawBsonDocument> find(RestaurantQuery query) {
        FindIterable<RawBsonDocument> found = collection().find(filter(query));
        if (!query.sort().isEmpty() || query.isPaged()) {
            found = found.sort(sort(query));
        }
        if (query.isPaged()) {
            found = found.skip((int) query.paging().offset())
                    .limit(query.paging().size());
        }
        return found;
    }

    public long count(RestaurantQuery query) {
        return collection().countDocuments(filter(query));
    }

    /** The collection's size from its metadata: cheap, and exact enough to choose how to serve it. */
    public long estimatedCount() {
        return collection().estimatedDocumentCount();
    }

    public String datasetVersion() {
        return DatasetVersion.read(mongo.getDb(), collectionName);
    }

    static Bson filter(RestaurantQuery query) {
        List<Bson> conditions = new ArrayList<>();
        if (query.typeOfFood() != null) {
            conditions.add(Filters.regex("type_of_food", "^" + literal(query.typeOfFood()) + "$", "i"));
        }
        if (query.outcode() != null) {
            conditions.add(Filters.regex("outcode", "^" + literal(query.outcode()) + "$", "i"));
        }
        if (query.postcode() != null) {
            conditions.add(Filters.regex("postcode", "^" + literal(query.postcode()) + "$", "i"));
        }
        if (query.name() != null) {
            conditions.add(Filters.regex("name", literal(query.name()), "i"));
        }
        if (query.minRating() != null) {
            // Comparing with a number matches numbers only, so restaurants rated "Not yet rated" drop out.
            conditions.add(Filters.gte("rating", query.minRating()));
        }
        return conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    }

    /**
     * The requested order, then {@code _id} in the direction of the last key, so that the order, and so every page,
     * is the same on every request, and a sort on one field can walk that field's index either way.
     */
    static Bson sort(RestaurantQuery query) {
        List<Bson> keys = new ArrayList<>();
        boolean descending = false;
        for (RestaurantQuery.SortOrder order : query.sort()) {
            keys.add(order.descending() ? Sorts.descending(order.field()) : Sorts.ascending(order.field()));
            descending = order.descending();
        }
        keys.add(descending ? Sorts.descending("_id") : Sorts.ascending("_id"));
        return Sorts.orderBy(keys);
    }

    static String literal(String text) {
        return REGEX_METACHARACTERS.matcher(text).replaceAll("\\\\$0");
    }

    private MongoCollection<RawBsonDocument> collection() {
        return mongo.getCollection(collectionName).withDocumentClass(RawBsonDocument.class);
    }
}
