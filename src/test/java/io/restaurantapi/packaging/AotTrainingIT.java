package io.restaurantapi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.packaging.Dockerfile.Instruction;
import io.restaurantapi.support.ChildProcessApp;
import io.restaurantapi.support.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's AOT cache, made and used as the Dockerfile makes and uses it: the packaged jar extracted into its
 * layers, the training script run there with the image's {@code JAVA_TOOL_OPTIONS}, then the ENTRYPOINT's command
 * line. It needs a JDK of the image's feature release: the JVM running the tests when it is one, else the JDK at
 * {@code IMAGE_JAVA_HOME}; without either it is skipped, never passed.
 */
@EnabledIf("imageJdkIsAvailable")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AotTrainingIT {

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path app;

    private static Path jvm;
    private static String toolOptions;
    private static List<String> entrypoint;

    static boolean imageJdkIsAvailable() {
        return imageJava().isPresent();
    }

    private static Optional<Path> imageJava() {
        int feature = Integer.parseInt(
                DockerfileTest.parse("Dockerfile").finalStage().image().replaceAll("^[^:]+:([0-9]+).*$", "$1"));
        if (Runtime.version().feature() == feature) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        return Optional.ofNullable(System.getenv("IMAGE_JAVA_HOME"))
                .map(home -> Path.of(home, "bin", "java"))
                .filter(Files::isExecutable)
                .filter(candidate -> featureOf(candidate) == feature);
    }

    private static int featureOf(Path candidate) {
        try {
            Process version = new ProcessBuilder(candidate.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(version.getInputStream().readAllBytes());
            version.waitFor(30, TimeUnit.SECONDS);
            return Integer.parseInt(output.replaceAll("(?s)^[^\"]*\"([0-9]+).*$", "$1"));
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @BeforeAll
    static void extractThePackagedJarAsTheDockerfileDoes() throws Exception {
        jvm = imageJava().orElseThrow();
        Dockerfile.Stage runtime = DockerfileTest.parse("Dockerfile").finalStage();
        toolOptions = runtime.env("JAVA_TOOL_OPTIONS").orElseThrow();
        entrypoint = runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow();
        Path layers = app.resolve("layers");
        run(
                List.of(
                        jvm.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        ChildProcessApp.JAR.toString(),
                        "extract",
                        "--layers",
                        "--destination",
                        layers.toString()),
                Map.of());
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), app);
        }
    }

    @Test
    @Order(1)
    void trainingRunServesRequestsStopsOnSigtermAndLeavesTheCache() throws Exception {
        Path script = DockerfileTest.ROOT.resolve(DockerfileTest.TRAINING_SCRIPT);

        Result training = run(
                List.of("sh", script.toString(), DockerfileTest.AOT_CACHE, "3"),
                Map.of(
                        "PATH",
                        jvm.getParent() + ":" + System.getenv("PATH"),
                        "JAVA_TOOL_OPTIONS",
                        toolOptions,
                        "TRAINING_PORT",
                        String.valueOf(FreePort.find())));

        assertThat(training.status()).as(training.output()).isZero();
        assertThat(training.output()).contains("81 requests");
        assertThat(app.resolve(DockerfileTest.AOT_CACHE)).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void entrypointLoadsTheApplicationsClassesFromTheCache() throws Exception {
        List<String> command = entrypointCommand("-XX:AOTMode=on", "-Xlog:class+load=info");
        command.addAll(List.of("generate", "--count", "1"));

        Result start = run(command, Map.of("JAVA_TOOL_OPTIONS", toolOptions));

        // AOTMode=on: the JVM refuses to start rather than run without the cache
        assertThat(start.status()).as(start.output()).isZero();
        assertThat(start.output())
                .containsPattern("io\\.restaurantapi\\.RestaurantApiApplication source: (shared objects file|AOT)");
    }

    @Test
    @Order(3)
    void aCacheThatNoLongerMatchesTheJarIsSkippedWithAWarningNotAFailedStart() throws Exception {
        Path jar = app.resolve(DockerfileTest.APPLICATION_JAR);
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        List<String> command = entrypointCommand("-Xlog:class+load=info");
        command.addAll(List.of("generate", "--count", "1"));

        Result start = run(command, Map.of("JAVA_TOOL_OPTIONS", toolOptions));

        assertThat(start.status()).as(start.output()).isZero();
        assertThat(start.output())
                .contains("\"_id\"")
                .containsPattern("(?i)warning.*(aot|cds)")
                .doesNotContainPattern(
                        "io\\.restaurantapi\\.RestaurantApiApplication source: (shared objects file|AOT)");
    }

    /** The ENTRYPOINT, with {@code options} after {@code java}, run from the extracted layout's directory. */
    private static List<String> entrypointCommand(String... options) {
        List<String> command = new ArrayList<>(List.of(jvm.toString()));
        command.addAll(List.of(options));
        command.addAll(entrypoint.subList(1, entrypoint.size()));
        return command;
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        builder.environment().remove("MONGODB_URI");
        builder.environment().putAll(environment);
        Path output = Files.createTempFile(app, "process", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    command + " did not end within " + TRAINING_TIMEOUT + ": " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static void copyInto(Path layer, Path target) throws IOException {
        if (!Files.isDirectory(layer)) {
            return;
        }
        try (Stream<Path> files = Files.walk(layer)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(layer.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
