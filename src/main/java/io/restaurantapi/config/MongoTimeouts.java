package io.restaurantapi.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the MongoDB driver may wait before giving up, kept short so that a dead database answers clients
 * with a 503 in well under two seconds instead of hanging them, and the pool never fills with stuck requests.
 *
 * @param serverSelection wait for a usable server (the whole budget when the database is down)
 * @param connect         open a TCP connection
 * @param read            wait for a reply on an open connection
 * @param poolWait        wait for a free pooled connection
 */
@ConfigurationProperties("restaurant.mongodb.timeouts")
public record MongoTimeouts(Duration serverSelection, Duration connect, Duration read, Duration poolWait) {}
