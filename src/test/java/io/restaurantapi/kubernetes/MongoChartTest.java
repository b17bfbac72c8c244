package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** charts/mongo: MongoDB with persistent storage and the application users. */
class MongoChartTest {

    private static final Manifests DEFAULTS = Charts.render(Charts.MONGO, "mongo", Map.of());
    private static final Manifests CUSTOM = Charts.render(Charts.MONGO, "mongo", RenderScenarios.MONGO_CUSTOM);

    private static Map<String, Object> container(Manifests manifests) {
        return list(manifests.one("Deployment"), "spec.template.spec.containers")
                .get(0);
    }

    private static String secretValue(Manifests manifests, String key) {
        return new String(
                Base64.getDecoder().decode(string(manifests.one("Secret"), "data." + key)), StandardCharsets.UTF_8);
    }

    @Test
    void rendersTheExpectedObjectsByDefault() {
        assertThat(DEFAULTS.kinds())
                .containsExactlyInAnyOrder(
                        "Deployment",
                        "Service",
                        "ServiceAccount",
                        "Secret",
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "NetworkPolicy");
    }

    @Test
    void runsOneReplicaThatIsStoppedBeforeItsSuccessorStarts() {
        Map<String, Object> deployment = DEFAULTS.one("Deployment");

        assertThat(at(deployment, "spec.replicas")).isEqualTo(1);
        assertThat(at(deployment, "spec.strategy")).isEqualTo(Map.of("type", "Recreate"));
    }

    @Test
    void usesTheOfficialMongo8ImagePinnedToAPatchRelease() {
        assertThat(string(container(DEFAULTS), "image")).matches("mongo:8\\.0\\.[0-9]+");
    }

    private static final Pattern MONGO_BASE_IMAGE = Pattern.compile(
            "(?im)^FROM\\s+(?:--platform=\\S+\\s+)?(?:docker\\.io/(?:library/)?)?mongo:([0-9]+\\.[0-9]+\\.[0-9]+)(?:@sha256:[0-9a-f]{64})?(?:\\s+AS\\s+\\S+)?\\s*$");

    /** Compose and the microk8s environment run Dockerfile.mongo's image; the chart's default must be the same MongoDB. */
    @Test
    void defaultImageIsTheMongodbReleaseDockerfileMongoBuildsOn() throws Exception {
        Matcher from = MONGO_BASE_IMAGE.matcher(Files.readString(Charts.ROOT.resolve("Dockerfile.mongo")));
        assertThat(from.find())
                .as("Dockerfile.mongo has a FROM mongo:X.Y.Z line")
                .isTrue();

        assertThat(string(container(DEFAULTS), "image")).isEqualTo("mongo:" + from.group(1));
        assertThat(Manifests.<Map<String, Object>>cast(
                        new Yaml().load(Files.readString(Charts.MONGO.resolve("Chart.yaml")))))
                .containsEntry("appVersion", from.group(1));
    }

    @Test
    void theBaseImageCheckReadsATagPinnedByDigest() {
        Matcher from = MONGO_BASE_IMAGE.matcher(
                "# syntax=docker/dockerfile:1.7\nFROM mongo:8.0.28@sha256:" + "5".repeat(64) + "\nUSER 999:999\n");

        assertThat(from.find()).isTrue();
        assertThat(from.group(1)).isEqualTo("8.0.28");
    }

    @Test
    void storesTheDataInAClaimThatOutlivesTheRelease() {
        Map<String, Object> claim = DEFAULTS.one("PersistentVolumeClaim");

        assertThat(map(claim, "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(map(claim, "spec")).doesNotContainKey("storageClassName");
        assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("2Gi");
        assertThat(list(DEFAULTS.one("Deployment"), "spec.template.spec.volumes"))
                .anySatisfy(v -> assertThat(string(v, "persistentVolumeClaim.claimName"))
                        .isEqualTo(string(claim, "metadata.name")));
        assertThat(list(container(DEFAULTS), "volumeMounts")).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("data");
            assertThat(m.get("mountPath")).isEqualTo("/data/db");
        });
    }

    @Test
    void storageClassAndSizeAreConfigurable() {
        Map<String, Object> claim = CUSTOM.one("PersistentVolumeClaim");

        assertThat(string(claim, "spec.storageClassName")).isEqualTo("fast-ssd");
        assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("20Gi");
    }

    @Test
    void generatesPasswordsAndConnectionStringsOnFirstInstall() {
        assertThat(secretValue(DEFAULTS, "mongodb-root-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "mongodb-app-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "mongodb-seed-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "app-uri"))
                .isEqualTo("mongodb://app:" + secretValue(DEFAULTS, "mongodb-app-password")
                        + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
        assertThat(secretValue(DEFAULTS, "seed-uri"))
                .isEqualTo("mongodb://seed:" + secretValue(DEFAULTS, "mongodb-seed-password")
                        + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
    }

    @Test
    void keepsTheStoredPasswordsOnUpgrade() {
        String encoded = Base64.getEncoder().encodeToString("stored-secret-1".getBytes(StandardCharsets.UTF_8));
        Charts.api()
                .storeSecret(
                        "upgrade",
                        "mongo",
                        Map.of(
                                "mongodb-root-password",
                                encoded,
                                "mongodb-app-password",
                                encoded,
                                "mongodb-seed-password",
                                encoded));

        Manifests upgrade = Charts.render(Charts.MONGO, "mongo", "upgrade", Map.of());

        assertThat(secretValue(upgrade, "mongodb-root-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "mongodb-app-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "app-uri")).startsWith("mongodb://app:stored-secret-1@mongo.upgrade.svc");
    }

    @Test
    void theSecretOutlivesTheReleaseLikeTheData() {
        assertThat(map(DEFAULTS.one("Secret"), "metadata.annotations"))
                .containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() {
        assertThat(CUSTOM.ofKind("Secret")).isEmpty();
        assertThat(list(container(CUSTOM), "env"))
                .filteredOn(e -> e.containsKey("valueFrom"))
                .allSatisfy(e ->
                        assertThat(string(e, "valueFrom.secretKeyRef.name")).isEqualTo("mongo-credentials"));
    }

    @Test
    void createsTheUsersWithTheCommittedInitScript() throws Exception {
        String script = Files.readString(Path.of("charts/mongo/files/create-users.js"));
        Map<String, Object> configMap = DEFAULTS.one("ConfigMap");

        assertThat(map(configMap, "data")).containsEntry("create-users.js", script.stripTrailing());
        assertThat(list(container(DEFAULTS), "volumeMounts")).anySatisfy(m -> {
            assertThat(m.get("mountPath")).isEqualTo("/docker-entrypoint-initdb.d");
            assertThat(m.get("readOnly")).isEqualTo(true);
        });
        assertThat(list(container(DEFAULTS), "env"))
                .extracting(e -> e.get("name"))
                .contains(
                        "MONGO_INITDB_ROOT_USERNAME",
                        "MONGO_INITDB_ROOT_PASSWORD",
                        "MONGO_APP_DATABASE",
                        "MONGO_APP_USERNAME",
                        "MONGO_APP_PASSWORD",
                        "MONGO_SEED_USERNAME",
                        "MONGO_SEED_PASSWORD");
    }

    /**
     * Runs a probe's exec command as the kubelet does (an argv, no shell) with a stand-in {@code mongosh} first on the
     * PATH and the container's HOSTNAME; returns the arguments mongosh received, or fails if the probe's exit status
     * is not mongosh's.
     */
    private static List<String> mongoshArgumentsOfProbe(String probe) throws Exception {
        Path bin = Files.createTempDirectory("probe-bin");
        Path received = bin.resolve("received");
        Path mongosh = Files.writeString(bin.resolve("mongosh"), """
                #!/bin/sh
                printf '%s\\n' "$@" > "$(dirname "$0")/received"
                exit 3
                """);
        assertThat(mongosh.toFile().setExecutable(true)).isTrue();
        List<String> command =
                new ArrayList<>(Manifests.<List<String>>cast(at(container(DEFAULTS), probe + ".exec.command")));
        String path = bin + ":" + System.getenv("PATH");
        // The runtime looks the program up in the container's PATH, not in that of whoever starts it.
        if (!command.get(0).contains("/")) {
            String program = command.get(0);
            command.set(
                    0,
                    Stream.of(path.split(":"))
                            .map(dir -> Path.of(dir, program))
                            .filter(Files::isExecutable)
                            .findFirst()
                            .orElseThrow()
                            .toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        builder.environment().put("HOSTNAME", "mongo-5d8f7c9b4-x2k7q");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor())
                .as("exit status of %s (output: %s)", probe, output)
                .isEqualTo(3);
        return Files.readAllLines(received);
    }

    /**
     * On an empty volume the entrypoint first runs a temporary mongod bound to 127.0.0.1 to create the users, and only
     * then the real one, bound to every address. A ping of 127.0.0.1 (mongosh's default) would find the temporary one
     * and mark the pod started and ready before the users exist; the pod's own host name (the pod IP in the
     * kubelet's /etc/hosts) reaches only the real server.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"startupProbe", "readinessProbe"})
    void startupAndReadinessPingTheServerOnThePodAddressNotLoopback(String probe) throws Exception {
        List<String> arguments = mongoshArgumentsOfProbe(probe);

        assertThat(arguments).containsSubsequence("--host", "mongo-5d8f7c9b4-x2k7q");
        assertThat(arguments).containsSubsequence("--eval", "quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)");
    }

    /** Liveness runs once the startup probe has succeeded: it asks whether mongod answers at all, over loopback. */
    @Test
    void livenessPingsMongodOverLoopback() throws Exception {
        List<String> arguments = mongoshArgumentsOfProbe("livenessProbe");

        assertThat(arguments)
                .doesNotContain("--host")
                .containsSubsequence("--eval", "quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)");
    }

    private static Map<String, Object> podTemplate(Manifests manifests) {
        return map(manifests.one("Deployment"), "spec.template");
    }

    /** A first install generates the passwords; rendering again must not change the pod, or every upgrade restarts MongoDB. */
    @Test
    void thePodTemplateDoesNotChangeWithTheGeneratedPasswords() {
        Manifests first = Charts.renderAgain(Charts.MONGO, "mongo", "generated", Map.of());
        Manifests second = Charts.renderAgain(Charts.MONGO, "mongo", "generated", Map.of());

        assertThat(secretValue(first, "mongodb-root-password"))
                .isNotEqualTo(secretValue(second, "mongodb-root-password"));
        assertThat(podTemplate(second)).isEqualTo(podTemplate(first));
    }

    /** The second {@code helmfile apply}: lookup now finds the Secret the first install stored. */
    @Test
    void anUpgradeAfterTheFirstInstallKeepsThePodTemplate() {
        Manifests install = Charts.renderAgain(Charts.MONGO, "mongo", "second-apply", Map.of());
        Charts.api().storeSecret("second-apply", "mongo", Manifests.cast(map(install.one("Secret"), "data")));
        Manifests upgrade = Charts.renderAgain(Charts.MONGO, "mongo", "second-apply", Map.of());

        assertThat(secretValue(upgrade, "mongodb-app-password"))
                .isEqualTo(secretValue(install, "mongodb-app-password"));
        assertThat(podTemplate(upgrade)).isEqualTo(podTemplate(install));
    }

    /** Without persistence every start is a first start, which reads the passwords: a changed one must roll the pod. */
    @Test
    void withoutPersistenceAChangedPasswordRollsThePod() {
        Manifests before =
                Charts.renderAgain(Charts.MONGO, "mongo", "ephemeral", Map.of("persistence.enabled", "false"));
        Manifests again =
                Charts.renderAgain(Charts.MONGO, "mongo", "ephemeral", Map.of("persistence.enabled", "false"));
        Manifests changed = Charts.renderAgain(
                Charts.MONGO,
                "mongo",
                "ephemeral",
                Map.of("persistence.enabled", "false", "auth.appPassword", "a-new-password"));

        assertThat(podTemplate(again)).isEqualTo(podTemplate(before));
        assertThat(podTemplate(changed)).isNotEqualTo(podTemplate(before));
    }

    @Test
    void runsAsTheMongodbUserWithAReadOnlyRootFileSystem() {
        Map<String, Object> pod = map(DEFAULTS.one("Deployment"), "spec.template.spec");

        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(999);
        assertThat(at(pod, "securityContext.fsGroup")).isEqualTo(999);
        assertThat(at(container(DEFAULTS), "securityContext.readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat(list(container(DEFAULTS), "volumeMounts"))
                .extracting(m -> m.get("mountPath"))
                .contains("/tmp", "/data/configdb");
    }

    @Test
    void networkPolicyAdmitsOnlyTheAppAndSeedPods() {
        Map<String, Object> policy = DEFAULTS.one("NetworkPolicy");
        List<Map<String, Object>> ingress = list(policy, "spec.ingress");

        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(list(rule, "from"))
                    .containsExactly(
                            Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "app"))),
                            Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "seed"))));
            assertThat(list(rule, "ports")).containsExactly(Map.of("port", "mongodb", "protocol", "TCP"));
        });
    }

    @Test
    void networkPolicyAdmitsNobodyWhenNoClientIsListed() {
        Manifests closed = Charts.render(Charts.MONGO, "mongo", Map.of("networkPolicy.allowedPodLabels", "null"));

        assertThat(list(closed.one("NetworkPolicy"), "spec.ingress")).isEmpty();
    }
}
