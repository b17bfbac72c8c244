package io.restaurantapi.dataset;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * {@code seed [--file PATH] [--strict] [--wait-seconds N]}: loads the dataset into MongoDB once and exits, for a
 * container or a Kubernetes Job. The connection comes from {@code MONGODB_URI}.
 */
public final class SeedCommand {

    public static final int OK = 0;
    public static final int LINES_REJECTED = 1;
    public static final int USAGE = 2;
    public static final int DATABASE_UNAVAILABLE = 3;
    public static final int DATASET_UNAVAILABLE = 4;

    static final String USAGE_TEXT = """
            Usage: java -jar restaurant-api.jar seed [--file PATH] [--strict] [--wait-seconds N]

            Replaces the restaurant collection with a mongoexport JSON-lines file: loads it into a staging
            collection and swaps that in whole, so readers never see it half-loaded (safe to re-run).
              --file PATH        the dataset (default: $RESTAURANT_DATASET, else data/restaurant.json,
                                 downloaded from the pinned public URL and checksum-verified when absent)
              --strict           check the whole file first; change nothing if any line is bad
              --wait-seconds N   how long to wait for MongoDB to come up (default 60)
            Environment: MONGODB_URI (required), MONGODB_DATABASE (default restaurant),
                         RESTAURANT_COLLECTION (default restaurant).
            Exit status: 0 loaded, 1 some lines rejected, 2 usage error, 3 MongoDB unavailable, 4 dataset unavailable.
            """;

    private static final int MAX_LISTED_REJECTIONS = 100;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(5);

    private final Map<String, String> environment;
    private final DatasetSource source;
    private final PrintStream out;
    private final PrintStream err;

    public SeedCommand(Map<String, String> environment, DatasetSource source, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.source = source;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        SeedArguments arguments;
        try {
            arguments = SeedArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("seed: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.help()) {
            out.print(USAGE_TEXT);
            return OK;
        }
        String uri = environment.get("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            err.println(
                    "seed: MONGODB_URI is not set; set it to the MongoDB connection string of a user that can write");
            return USAGE;
        }
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            err.println("seed: MONGODB_URI is not a valid MongoDB connection string: " + e.getMessage());
            return USAGE;
        }
        Path file;
        try {
            file = source.resolve(arguments.file() != null ? arguments.file() : environment.get("RESTAURANT_DATASET"));
        } catch (DatasetUnavailableException e) {
            err.println("seed: " + e.getMessage());
            return DATASET_UNAVAILABLE;
        }
        try (MongoClient client = MongoClients.create(clientSettings(connection))) {
            MongoDatabase database = client.getDatabase(environment.getOrDefault("MONGODB_DATABASE", "restaurant"));
            awaitDatabase(database, arguments.maxWait());
            String collection = environment.getOrDefault("RESTAURANT_COLLECTION", "restaurant");
            out.println("seed: loading " + file + " into " + database.getName() + "." + collection
                    + (arguments.strict() ? " (strict)" : ""));
            SeedReport report = new DatasetSeeder(database, collection).seed(file, arguments.strict());
            return printReport(report, arguments.strict());
        } catch (MongoException e) {
            err.println("seed: MongoDB failed: " + e.getMessage()
                    + "; a seed that fails before its swap leaves the previous dataset in place: run it again");
            return DATABASE_UNAVAILABLE;
        } catch (IOException e) {
            err.println("seed: cannot read " + file + ": " + e.getMessage());
            return DATASET_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("seed: interrupted");
            return DATABASE_UNAVAILABLE;
        }
    }

    private int printReport(SeedReport report, boolean strict) {
        report.rejected().stream()
                .limit(MAX_LISTED_REJECTIONS)
                .forEach(line -> err.println("seed: rejected " + line.getMessage()));
        if (report.rejected().size() > MAX_LISTED_REJECTIONS) {
            err.println("seed: … and " + (report.rejected().size() - MAX_LISTED_REJECTIONS) + " more rejected lines");
        }
        out.println("seed: " + report.summary());
        if (report.complete()) {
            return OK;
        }
        err.println(
                strict
                        ? "seed: strict mode: the file has bad lines, nothing was written"
                        : "seed: some lines were rejected and skipped");
        return LINES_REJECTED;
    }

    /** Short timeouts so that each wait attempt fails fast, unless the connection string sets its own. */
    private static MongoClientSettings clientSettings(ConnectionString connection) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS));
        }
        if (connection.getConnectTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS));
        }
        return settings.applyConnectionString(connection).build();
    }

    /** Pings until MongoDB answers, backing off exponentially, for at most {@code wait}. */
    private void awaitDatabase(MongoDatabase database, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration delay = FIRST_RETRY_DELAY;
        for (int attempt = 1; ; attempt++) {
            try {
                database.runCommand(new Document("ping", 1));
                return;
            } catch (MongoException e) {
                if (System.nanoTime() + delay.toNanos() > deadline) {
                    throw new MongoException("not reachable after " + wait.toSeconds() + " s: " + e.getMessage(), e);
                }
                err.println("seed: waiting for MongoDB (attempt " + attempt + "): " + e.getMessage());
                Thread.sleep(delay.toMillis());
                Duration doubled = delay.multipliedBy(2);
                delay = doubled.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : doubled;
            }
        }
    }

    /** The parsed command line. */
    record SeedArguments(String file, boolean strict, Duration maxWait, boolean help) {

        static SeedArguments parse(String... args) {
            String file = null;
            boolean strict = false;
            Duration wait = Duration.ofSeconds(60);
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--file" -> file = CommandLineOptions.value(args, ++i, "--file");
                    case "--strict" -> strict = true;
                    case "--wait-seconds" ->
                        wait = Duration.ofSeconds(CommandLineOptions.wholeNumber(
                                "--wait-seconds", CommandLineOptions.value(args, ++i, "--wait-seconds"), 0, 3600));
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            return new SeedArguments(file, strict, wait, help);
        }
    }
}
