package io.restaurantapi.restaurant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How rendered responses, lists and single restaurants, are kept in memory.
 *
 * @param maxSize               the most memory rendered responses may take together, in bytes of JSON and gzip; when
 *                              it is full, those used least often and least recently go first
 * @param maxCachedDocuments    a collection with more documents than this serves its unpaged list streamed from the
 *                              database instead of rendered and kept
 * @param maxAge                the longest a rendered response is kept, so that data written other than by the seeder
 *                              shows within that time; zero keeps nothing
 */
@ConfigurationProperties("restaurant.response-cache")
public record ResponseCacheProperties(DataSize maxSize, long maxCachedDocuments, Duration maxAge) {

    public ResponseCacheProperties {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "restaurant.response-cache.max-age (RESTAURANT_RESPONSECACHE_MAXAGE) must be "
                            + "a duration of zero or more, such as 60s, not " + maxAge);
        }
    }
}
