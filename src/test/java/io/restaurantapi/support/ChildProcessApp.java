package io.restaurantapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service, {@code target/restaurant-api.jar}, run as a child process the way it runs in a
 * container: configured by environment variables, stopped with SIGTERM. Its output goes to
 * {@code target/child-processes/<name>.log}. The jar exists once {@code package} has run, as it has in the
 * integration-test phase of {@code ./mvnw verify}.
 */
public final class ChildProcessApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "restaurant-api.jar").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "child-processes").toAbsolutePath();

    private final Process process;
    private final int port;
    private final Path log;

    private ChildProcessApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on a free port against {@code mongodbUri}, with extra command-line {@code arguments}, tuned to
     * start fast (the simple JIT compiler only): for tests of behaviour, not of throughput.
     */
    public static ChildProcessApp start(String name, String mongodbUri, String... arguments) {
        return start(name, mongodbUri, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), arguments);
    }

    /** Starts the jar as {@link #start} does, with the JVM's default compilers, as in production: for load tests. */
    public static ChildProcessApp startForThroughput(String name, String mongodbUri, String... arguments) {
        return start(name, mongodbUri, List.of("-Xmx512m"), arguments);
    }

    private static ChildProcessApp start(String name, String mongodbUri, List<String> jvmOptions, String... arguments) {
        assertThat(JAR)
                .as("the packaged jar (run ./mvnw verify, which packages it first)")
                .isRegularFile();
        int port = FreePort.find();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment
                    .keySet()
                    .removeIf(key -> key.startsWith("MONGODB_")
                            || key.startsWith("SPRING_")
                            || key.startsWith("MANAGEMENT_")
                            || key.startsWith("RESTAURANT_")
                            || key.startsWith("SERVER_"));
            environment.put("MONGODB_URI", mongodbUri);
            environment.put("SERVER_PORT", String.valueOf(port));
            return new ChildProcessApp(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http(port);
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** Waits until the service answers liveness with 200; fails with the end of its log if it does not. */
    public ChildProcessApp awaitLive(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("the service is running; its log ends:%n%s", logTail())
                    .isTrue();
            try {
                HttpResponse<String> liveness = http().get("/actuator/health/liveness");
                if (liveness.statusCode() == 200) {
                    return this;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("The service did not come up within " + limit + "; its log ends:\n" + logTail());
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** The exit status once the process has ended, waiting at most {@code limit}; fails if it is still running. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "The service was still running after " + limit + "; its log ends:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the service's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs: a test that failed half-way must not leave it behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
