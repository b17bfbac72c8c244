import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The benchmark's default database: mongo-java-server's in-memory backend, in a process of its own, listening on
 * 127.0.0.1 until it is stopped. Run in source-file mode with the server on the class path:
 * {@code java -cp LIBS/'*' bench/MongoServerMain.java PORT}.
 */
public final class MongoServerMain {

    private MongoServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !args[0].matches("[0-9]{1,5}")) {
            System.err.println("Usage: java -cp CLASSPATH bench/MongoServerMain.java PORT");
            System.exit(2);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-server-shutdown"));
        System.out.println("mongo-java-server listening on " + server.getLocalAddress());
        new CountDownLatch(1).await();
    }
}
