package io.restaurantapi.support;

import de.bwaldvogel.mongo.MongoServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The MongoDB every test that needs one talks to over a real wire connection, started once per test JVM:
 * {@code TEST_MONGODB_URI} when set, else a {@link #MONGO_IMAGE} container when a Docker engine is available,
 * else the in-process wire-protocol server. Each test class uses a database of its own.
 */
public final class TestMongo {

    public static final String MONGO_IMAGE = "mongo:8.0.28";

    private static String connectionString;

    private TestMongo() {}

    /** Points a Spring Boot test's service at this backend, in a database of the test's own. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("MONGODB_URI", TestMongo::uri);
        registry.add("MONGODB_DATABASE", () -> database);
    }

    /** The connection string, without a database; starts the backend on first use. */
    public static synchronized String uri() {
        if (connectionString == null) {
            connectionString = start();
        }
        return connectionString;
    }

    private static String start() {
        // never MONGODB_URI, the service's own setting: the tests drop their databases
        String configured = System.getenv("TEST_MONGODB_URI");
        if (configured != null && !configured.isBlank()) {
            announce("TEST_MONGODB_URI (" + configured.replaceAll("//[^@/]*@", "//***@") + ")");
            return configured;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE);
            container.start();
            announce("Testcontainers " + MONGO_IMAGE);
            return container.getConnectionString();
        }
        MongoServer server = new MongoServer(new ExclusiveRenameBackend());
        String uri = server.bindAndGetConnectionString();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        announce("in-process mongo-java-server (no Docker engine found)");
        return uri;
    }

    private static void announce(String backend) {
        System.out.println("MongoDB test backend: " + backend);
    }
}
