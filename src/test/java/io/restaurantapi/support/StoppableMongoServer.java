package io.restaurantapi.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.dataset.SeedReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An in-process MongoDB wire-protocol server on a fixed loopback port that a test can stop and start again,
 * for a service (in the test's JVM or a child process) that must see its database go away and come back.
 * Data lives in memory: a restart starts empty.
 */
public final class StoppableMongoServer implements AutoCloseable {

    public static final String DATABASE = "restaurant";
    public static final String COLLECTION = "restaurant";

    private final int port;
    private MongoServer server;

    private StoppableMongoServer(int port) {
        this.port = port;
    }

    /** A server on a free port, not started yet. */
    public static StoppableMongoServer onFreePort() {
        return new StoppableMongoServer(FreePort.find());
    }

    public int port() {
        return port;
    }

    /** The connection string of the database the service reads, whether the server runs or not. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public synchronized StoppableMongoServer start() {
        if (server == null) {
            server = new MongoServer(new ExclusiveRenameBackend());
            server.bind("127.0.0.1", port);
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** Loads {@code file} into the service's collection through the seeder. */
    public SeedReport seed(Path file) {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            return new DatasetSeeder(client.getDatabase(DATABASE), COLLECTION).seed(file, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
