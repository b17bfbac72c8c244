package io.restaurantapi.restaurant;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import com.mongodb.connection.ClusterType;
import io.restaurantapi.dataset.DatasetVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows a change stream on the database and tells the {@link RestaurantService} which kept responses a change
 * makes stale, whoever wrote it, so that it shows on the next request rather than once {@code max-age} has passed.
 *
 * <p>The stream watches the whole database, filtered to the restaurant collection, the staging collection renamed
 * over it and the version marker: a stream on the collection itself would end at a reseed's swap, which renames a
 * collection over it, whereas a database's stream reports the rename and goes on. After an error it resumes from
 * the last event it saw; where it cannot, it opens a new stream and forgets everything kept, since what happened in
 * between is unknown. A standalone server (or mongo-java-server) has no change streams: then it says so once and
 * stops, and the version lease and {@code max-age} alone keep responses fresh, as they do anyway when it is late.
 */
@Component
public class DatasetChangeWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatasetChangeWatcher.class);

    /** A standalone server's answer to {@code $changeStream}: "only supported on replica sets". */
    static final int CHANGE_STREAMS_UNSUPPORTED = 40573;

    /** How long the server holds a {@code getMore} open for new events: well within the driver's read timeout. */
    static final Duration AWAIT = Duration.ofMillis(500);

    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(30);

    private static final Set<OperationType> DOCUMENT_CHANGES =
            Set.of(OperationType.INSERT, OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE);

    private final MongoClient client;
    private final MongoDatabase database;
    private final String collection;
    private final RestaurantService service;
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile Thread thread;
    /** Where the next stream resumes, or null to start afresh; kept by the watching thread alone. */
    private BsonDocument resumeToken;

    public DatasetChangeWatcher(
            MongoClient client,
            MongoTemplate mongo,
            @Value("${restaurant.collection}") String collection,
            RestaurantService service) {
        this.client = client;
        this.database = mongo.getDb();
        this.collection = collection;
        this.service = service;
    }

    @Override
    public synchronized void start() {
        stopping = new CountDownLatch(1);
        thread = new Thread(this::watch, "dataset-change-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        stopping.countDown();
        Thread watching = thread;
        if (watching == null) {
            return;
        }
        try {
            watching.join(AWAIT.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        Thread watching = thread;
        return watching != null && watching.isAlive();
    }

    /** Starts before the web server and stops after it, so that requests still being served see changes. */
    @Override
    public int getPhase() {
        return 0;
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void watch() {
        Duration delay = FIRST_RETRY_DELAY;
        while (!stopped()) {
            try {
                if (!changeStreamsAvailable()) {
                    logUnavailable("the server is standalone");
                    return;
                }
                try (MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor = open()) {
                    if (resumeToken == null) {
                        service.forgetAll();
                    }
                    delay = FIRST_RETRY_DELAY;
                    follow(cursor);
                }
            } catch (MongoCommandException e) {
                if (e.getErrorCode() == CHANGE_STREAMS_UNSUPPORTED) {
                    logUnavailable(e.getErrorMessage());
                    return;
                }
                // The server refused the stream, a resume included (ChangeStreamHistoryLost once the oplog has
                // moved past the token): the next one starts afresh.
                resumeToken = null;
                delay = retryAfter(e, delay);
            } catch (MongoException e) {
                delay = retryAfter(e, delay);
            }
        }
    }

    /** Passes events on, noting where to resume after each, until the stream ends or the watcher stops. */
    private void follow(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor) {
        while (!stopped()) {
            ChangeStreamDocument<BsonDocument> event = cursor.tryNext();
            if (event != null) {
                forgetWhatIsStale(event);
                if (event.getOperationType() == OperationType.INVALIDATE) {
                    resumeToken = null;
                    return;
                }
            }
            BsonDocument seen = cursor.getResumeToken();
            if (seen != null) {
                resumeToken = seen;
            }
        }
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open() {
        var stream = database.watch(List.of(Aggregates.match(relevantEvents(collection))), BsonDocument.class)
                .maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        return (resumeToken == null ? stream : stream.resumeAfter(resumeToken)).cursor();
    }

    /**
     * The events that can make a kept response stale: any change in the collection or the version marker, the
     * rename of a staging collection over it (which reports no drop of the collection it replaces), and the end of
     * the database. Inserts into a staging collection, a whole seed of them, never leave the server.
     */
    static Bson relevantEvents(String collection) {
        return Filters.or(
                Filters.in("ns.coll", collection, DatasetVersion.COLLECTION),
                Filters.eq("to.coll", collection),
                Filters.in(
                        "operationType", OperationType.DROP_DATABASE.getValue(), OperationType.INVALIDATE.getValue()));
    }

    void forgetWhatIsStale(ChangeStreamDocument<?> event) {
        changedRestaurant(event, collection).ifPresentOrElse(service::forgetRestaurant, service::forgetAll);
    }

    /**
     * The one restaurant an event changed, when it changed one document of the collection; otherwise (a rename,
     * a drop, a new version, a document without an ObjectId) empty, for everything kept may be stale.
     */
    static Optional<ObjectId> changedRestaurant(ChangeStreamDocument<?> event, String collection) {
        MongoNamespace namespace = event.getNamespace();
        BsonDocument documentKey = event.getDocumentKey();
        if (!DOCUMENT_CHANGES.contains(event.getOperationType())
                || namespace == null
                || !collection.equals(namespace.getCollectionName())
                || documentKey == null) {
            return Optional.empty();
        }
        BsonValue id = documentKey.get("_id");
        return id != null && id.isObjectId() ? Optional.of(id.asObjectId().getValue()) : Optional.empty();
    }

    /**
     * Change streams need a replica set or a sharded cluster. Asked of the driver, not the server, so that a
     * standalone server is never sent a {@code $changeStream}, which mongo-java-server answers with an error it
     * logs in full.
     */
    private boolean changeStreamsAvailable() {
        database.runCommand(new Document("ping", 1));
        return client.getClusterDescription().getType() != ClusterType.STANDALONE;
    }

    private static void logUnavailable(String reason) {
        log.info(
                "No change stream ({}): a change made other than by the seeder shows once kept responses reach max-age",
                reason);
    }

    private Duration retryAfter(MongoException e, Duration delay) {
        if (delay.equals(FIRST_RETRY_DELAY)) {
            log.warn("Change stream interrupted, retrying: {}", e.getMessage());
        } else {
            log.debug("Change stream still unavailable: {}", e.getMessage());
        }
        try {
            if (stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                return delay;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : doubled;
    }
}
