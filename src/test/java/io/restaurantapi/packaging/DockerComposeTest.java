package io.restaurantapi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, beyond what the Compose Specification schema and {@code docker-compose config}
 * check: startup order, health, one-shot seeding, and credentials that only ever come from .env.
 */
class DockerComposeTest {

    static final Path ROOT = DockerfileTest.ROOT;

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}, ...; {@code $$} is a literal dollar. */
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");

    static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|USERNAME|_USER\\b).*");

    /** The file without its comment lines: Compose interpolates values, never comments. */
    static String text;

    static Map<String, Object> compose;

    @BeforeAll
    static void load() throws IOException {
        String file = Files.readString(ROOT.resolve("docker-compose.yml"));
        text = file.lines().filter(line -> !line.strip().startsWith("#")).collect(Collectors.joining("\n"));
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        compose = new Yaml(new SafeConstructor(options)).load(file);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> service(String name) {
        return map(map(compose.get("services")).get(name));
    }

    static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> node = root;
        for (String key : keys) {
            node = map(node.get(key));
        }
        return node;
    }

    static Map<String, String> envExample() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                String[] kv = line.split("=", 2);
                entries.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
            }
        }
        return entries;
    }

    @Test
    void usesTheComposeSpecificationWithoutTheObsoleteVersionKey() {
        assertThat(compose).doesNotContainKey("version").containsKeys("services", "volumes");
        assertThat(map(compose.get("services"))).containsOnlyKeys("mongo", "seed", "app");
    }

    @Test
    void eachServiceIsBuiltFromItsDockerfileInTheRepositoryContext() {
        assertThat(path(service("mongo"), "build"))
                .containsEntry("context", ".")
                .containsEntry("dockerfile", "Dockerfile.mongo");
        assertThat(path(service("seed"), "build"))
                .containsEntry("context", ".")
                .containsEntry("dockerfile", "Dockerfile.seed");
        assertThat(path(service("app"), "build"))
                .containsEntry("context", ".")
                .containsEntry("dockerfile", "Dockerfile");
        for (String name : List.of("mongo", "seed", "app")) {
            assertThat(ROOT.resolve((String) path(service(name), "build").get("dockerfile")))
                    .exists();
        }
    }

    @Test
    void mongoIsHealthyOnAMongoshPingAndKeepsItsDataInANamedVolume() {
        Map<String, Object> mongo = service("mongo");
        List<String> test = strings(path(mongo, "healthcheck").get("test"));

        assertThat(test.get(0)).isIn("CMD", "CMD-SHELL");
        assertThat(String.join(" ", test)).contains("mongosh").contains("ping").contains("$${HOSTNAME");
        assertThat(strings(mongo.get("volumes"))).contains("mongo-data:/data/db");
        assertThat(map(compose.get("volumes"))).containsKey("mongo-data");
    }

    @Test
    void seedRunsOnceAfterMongoIsHealthy() {
        Map<String, Object> seed = service("seed");

        assertThat(path(seed, "depends_on", "mongo")).containsEntry("condition", "service_healthy");
        // quoted: a bare `no` is YAML 1.1 boolean false
        assertThat(seed.get("restart")).isEqualTo("no");
        assertThat(seed).doesNotContainKeys("ports", "healthcheck");
    }

    @Test
    void appStartsAfterMongoIsHealthyAndTheSeedCompleted() {
        Map<String, Object> app = service("app");

        assertThat(path(app, "depends_on", "mongo")).containsEntry("condition", "service_healthy");
        assertThat(path(app, "depends_on", "seed")).containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void appIsPublishedOnPort8080AndHealthyWhenReady() {
        Map<String, Object> app = service("app");
        List<String> test = strings(path(app, "healthcheck").get("test"));

        assertThat(strings(app.get("ports"))).singleElement().asString().matches("(127\\.0\\.0\\.1:)?8080:8080");
        assertThat(test).startsWith("CMD", "wget").contains("http://127.0.0.1:8080/actuator/health/readiness");
    }

    @Test
    void appIsGivenMoreTimeToStopThanItsGracefulShutdownPhase() {
        String grace = (String) service("app").get("stop_grace_period");

        assertThat(Duration.parse("PT" + grace.toUpperCase())).isGreaterThan(Duration.ofSeconds(20));
    }

    @Test
    void appConnectsAsTheReadOnlyUserAndSeedAsTheReadWriteUser() {
        String appUri = (String) path(service("app"), "environment").get("MONGODB_URI");
        String seedUri = (String) path(service("seed"), "environment").get("MONGODB_URI");

        assertThat(appUri)
                .startsWith("mongodb://${MONGO_APP_USERNAME:?")
                .contains(":${MONGO_APP_PASSWORD:?")
                .endsWith("@mongo:27017/restaurant?authSource=restaurant");
        assertThat(seedUri)
                .startsWith("mongodb://${MONGO_SEED_USERNAME:?")
                .contains(":${MONGO_SEED_PASSWORD:?")
                .endsWith("@mongo:27017/restaurant?authSource=restaurant");
        Map<String, Object> mongoEnv = path(service("mongo"), "environment");
        assertThat(mongoEnv.get("MONGO_APP_USERNAME")).asString().startsWith("${MONGO_APP_USERNAME:?");
        assertThat(mongoEnv.get("MONGO_SEED_USERNAME")).asString().startsWith("${MONGO_SEED_USERNAME:?");
    }

    @Test
    void everyCredentialIsARequiredVariableWithAMessagePointingToEnvExample() {
        Matcher m = INTERPOLATION.matcher(text);
        Set<String> credentials = new TreeSet<>();
        while (m.find()) {
            if (m.group(1) != null && CREDENTIAL.matcher(m.group(1)).matches()) {
                credentials.add(m.group(1));
                assertThat(m.group(2))
                        .as("${%s...} must fail when unset", m.group(1))
                        .isEqualTo(":?");
                assertThat(m.group(3))
                        .as("message of ${%s:?...}", m.group(1))
                        .contains(m.group(1))
                        .contains(".env.example");
            }
        }
        assertThat(credentials).contains("MONGO_ROOT_PASSWORD", "MONGO_APP_PASSWORD", "MONGO_SEED_PASSWORD");
    }

    @Test
    void noServiceEnvironmentHoldsALiteralSecret() {
        for (String name : List.of("mongo", "seed", "app")) {
            Map<String, Object> environment = path(service(name), "environment");
            environment.forEach((key, value) -> {
                String v = String.valueOf(value);
                if (CREDENTIAL.matcher(key).matches()) {
                    assertThat(v).as("%s %s", name, key).matches("\\$\\{[A-Za-z0-9_]+:\\?[^}]*}");
                }
                // user:password@ in a URI must be interpolated too
                Matcher userInfo = Pattern.compile("://([^@/]*)@").matcher(v);
                while (userInfo.find()) {
                    assertThat(userInfo.group(1))
                            .as("%s %s user info", name, key)
                            .matches("\\$\\{[^}]+}:\\$\\{[^}]+}");
                }
            });
        }
    }

    @Test
    void envExampleDeclaresExactlyTheVariablesComposeUses() throws IOException {
        Matcher m = INTERPOLATION.matcher(text);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            if (m.group(1) != null) {
                used.add(m.group(1));
            }
        }

        assertThat(new TreeSet<>(envExample().keySet())).isEqualTo(used);
    }

    @Test
    void envExampleLeavesEveryPasswordEmptySoComposeRefusesToStartUntilOneIsSet() throws IOException {
        envExample().forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|TOKEN).*")) {
                // ${NAME:?...} refuses an empty value as it refuses a missing one
                assertThat(value).as(key).isEmpty();
                assertThat(text).as(key).contains("${" + key + ":?");
            } else if (!value.isEmpty()) {
                // the values go into MongoDB URIs unencoded
                assertThat(value).as(key).matches("[A-Za-z0-9._~-]+");
            }
        });
    }

    @Test
    void mongoAndAppRestartUnlessStoppedAndTheOneShotSeedNever() {
        assertThat(service("mongo").get("restart")).isEqualTo("unless-stopped");
        assertThat(service("app").get("restart")).isEqualTo("unless-stopped");
        assertThat(service("seed").get("restart")).isEqualTo("no");
    }

    @Test
    void mongoIsGivenTheTimeToStopThatTheChartGivesIt() throws IOException {
        String grace = (String) service("mongo").get("stop_grace_period");
        Object chartGrace = chartValues("mongo").get("terminationGracePeriodSeconds");

        assertThat(Duration.parse("PT" + grace.toUpperCase()))
                .isEqualTo(Duration.ofSeconds(((Number) chartGrace).longValue()));
    }

    @ParameterizedTest
    @CsvSource({"mongo, mongo", "seed, seed", "app, app"})
    void memoryLimitIsTheChartsSoTheHeapIsSizedAlike(String serviceName, String chart) throws IOException {
        String limit = (String)
                path(service(serviceName), "deploy", "resources", "limits").get("memory");
        String chartLimit =
                (String) path(chartValues(chart), "resources", "limits").get("memory");

        // Compose's M and G are binary units, as Kubernetes' Mi and Gi
        assertThat(limit.replaceAll("([MG])$", "$1i")).isEqualTo(chartLimit);
    }

    @Test
    void apiCpuLimitIsTheChartsSoTheJvmSizesItselfAlike() throws IOException {
        Object cpus = path(service("app"), "deploy", "resources", "limits").get("cpus");
        String chartLimit =
                (String) path(chartValues("app"), "resources", "limits").get("cpu");

        // the JVM counts processors from the limit: its compiler and GC threads, and what the image was tuned for
        assertThat(cpus).as("app deploy.resources.limits.cpus").isNotNull();
        assertThat(new BigDecimal(cpus.toString()))
                .isEqualByComparingTo(
                        chartLimit.endsWith("m")
                                ? new BigDecimal(chartLimit.replace("m", "")).movePointLeft(3)
                                : new BigDecimal(chartLimit));
    }

    @Test
    void apiJvmOptionsAreTheImagesSoItsAotCacheIsUsedAsTrained() throws IOException {
        String image = DockerfileTest.parse("Dockerfile")
                .finalStage()
                .env("JAVA_TOOL_OPTIONS")
                .orElseThrow();

        assertThat(chartValues("app").get("javaToolOptions")).isEqualTo(image);
        assertThat(path(service("app"), "environment")).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void mongoHealthcheckKeepsMongoshStateOutOfTheDataVolume() {
        Object home = path(service("mongo"), "environment").get("HOME");
        String imageHome = DockerfileTest.parse("Dockerfile.mongo")
                .finalStage()
                .env("HOME")
                .orElse("/data/db");

        assertThat(home == null ? imageHome : (String) home).doesNotStartWith("/data");
    }

    @Test
    void bothJavaImagesAreBuiltWithTheSameGitCommitSoTheyShareTheJarBuild() {
        for (String name : List.of("seed", "app")) {
            assertThat(path(service(name), "build", "args")).as(name).containsEntry("GIT_COMMIT", "${GIT_COMMIT:-}");
        }
    }

    static Map<String, Object> chartValues(String chart) throws IOException {
        return map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("charts/" + chart + "/values.yaml"))));
    }

    @Test
    void localEnvFileIsGitIgnored() throws IOException {
        List<String> gitignore = Files.readAllLines(ROOT.resolve(".gitignore")).stream()
                .map(String::strip)
                .toList();

        assertThat(gitignore).containsAnyOf(".env", "/.env");
        assertThat(gitignore).doesNotContain(".env.example", "/.env.example", "*.example");
    }

    private static Map<String, Object> replicaSetOverride() throws IOException {
        return map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("compose.replicaset.yaml"))));
    }

    private static Map<String, Object> overridden(String name) throws IOException {
        return map(map(replicaSetOverride().get("services")).get(name));
    }

    @Test
    void theReplicaSetOverrideRunsMongodWithASetNameAndAKeyfileOnlyItsUserMayRead() throws IOException {
        Map<String, Object> mongo = overridden("mongo");
        String makeKeyfile = strings(mongo.get("entrypoint")).get(2);

        assertThat(strings(mongo.get("command")))
                .containsExactly("mongod", "--replSet", "rs0", "--keyFile", "/tmp/keyfile");
        assertThat(strings(mongo.get("entrypoint"))).startsWith("/bin/sh", "-c");
        assertThat(makeKeyfile)
                .contains("rm -f /tmp/keyfile", "> /tmp/keyfile", "chmod 0400 /tmp/keyfile")
                .endsWith("exec docker-entrypoint.sh \"$$@\"");
    }

    @Test
    void theReplicaSetOverrideInitiatesTheSetWithTheChartsScriptOnceMongoIsHealthy() throws IOException {
        Map<String, Object> init = overridden("mongo-init");
        Map<String, Object> environment = path(init, "environment");

        assertThat(path(init, "depends_on", "mongo")).containsEntry("condition", "service_healthy");
        assertThat(strings(init.get("entrypoint")))
                .startsWith("mongosh", "--nodb")
                .endsWith("/scripts/replicaset-init.js");
        assertThat(strings(init.get("volumes"))).containsExactly("./charts/mongo/files:/scripts:ro");
        assertThat(ROOT.resolve("charts/mongo/files/replicaset-init.js")).isRegularFile();
        assertThat(environment)
                .containsEntry("REPLICA_SET_NAME", "rs0")
                .containsEntry("REPLICA_SET_MEMBERS", "mongo:27017")
                .containsEntry("CREATE_USERS_SCRIPT", "/scripts/create-users.js");
        assertThat(environment.get("MONGO_INITDB_ROOT_PASSWORD")).asString().startsWith("${MONGO_ROOT_PASSWORD:?");
        assertThat(init.get("restart")).isEqualTo("no");
    }

    @ParameterizedTest
    @CsvSource({"seed, SEED", "app, APP"})
    void withTheReplicaSetOverrideTheClientsWaitForTheSetAndNameIt(String name, String user) throws IOException {
        Map<String, Object> client = overridden(name);

        assertThat(path(client, "depends_on", "mongo-init"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat((String) path(client, "environment").get("MONGODB_URI"))
                .startsWith("mongodb://${MONGO_" + user + "_USERNAME:?")
                .endsWith("@mongo:27017/restaurant?authSource=restaurant&replicaSet=rs0");
    }

    @Test
    void theReplicaSetOverrideNeedsNoVariableThatEnvExampleLacks() throws IOException {
        Matcher m = INTERPOLATION.matcher(Files.readString(ROOT.resolve("compose.replicaset.yaml"))
                .lines()
                .filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n")));
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            if (m.group(1) != null) {
                used.add(m.group(1));
                assertThat(m.group(2))
                        .as("${%s...} must fail when unset", m.group(1))
                        .isEqualTo(":?");
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(envExample().keySet()).containsAll(used);
    }
}
