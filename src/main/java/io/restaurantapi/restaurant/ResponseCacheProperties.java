package io.restaurantapi.restaurant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How rendered responses, lists and single restaurants, are kept in memory.
 *
 * @param maxSize               the most memory rendered responses may take together; the least recently used go first
 * @param maxCachedDocuments    a collection with more documents than this serves its unpaged list streamed from the
 *                              database instead of rendered and kept
 */
@ConfigurationProperties("restaurant.response-cache")
public record ResponseCacheProperties(DataSize maxSize, long maxCachedDocuments) {
}
