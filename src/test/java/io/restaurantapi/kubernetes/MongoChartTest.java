package io.restaurantapi.kubernetes;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/** charts/mongo: MongoDB with persistent storage and the application users. */
class MongoChartTest {

    private static final Manifests DEFAULTS = Charts.render(Charts.MONGO, "mongo", Map.of());
    private static final Manifests CUSTOM = Charts.render(Charts.MONGO, "mongo", RenderScenarios.MONGO_CUSTOM);

    private static Map<String, Object> container(Manifests manifests) {
        return list(manifests.one("Deployment"), "spec.template.spec.containers").get(0);
    }

    private static String secretValue(Manifests manifests, String key) {
        return new String(Base64.getDecoder().decode(string(manifests.one("Secret"), "data." + key)), StandardCharsets.UTF_8);
    }

    @Test
    void rendersTheExpectedObjectsByDefault() {
        assertThat(DEFAULTS.kinds()).containsExactlyInAnyOrder("Deployment", "Service", "ServiceAccount", "Secret",
                "ConfigMap", "PersistentVolumeClaim", "NetworkPolicy");
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

    @Test
    void storesTheDataInAClaimThatOutlivesTheRelease() {
        Map<String, Object> claim = DEFAULTS.one("PersistentVolumeClaim");

        assertThat(map(claim, "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(map(claim, "spec")).doesNotContainKey("storageClassName");
        assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("2Gi");
        assertThat(list(DEFAULTS.one("Deployment"), "spec.template.spec.volumes")).anySatisfy(v ->
                assertThat(string(v, "persistentVolumeClaim.claimName")).isEqualTo(string(claim, "metadata.name")));
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
        assertThat(secretValue(DEFAULTS, "app-uri")).isEqualTo("mongodb://app:" + secretValue(DEFAULTS, "mongodb-app-password")
                + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
        assertThat(secretValue(DEFAULTS, "seed-uri")).isEqualTo("mongodb://seed:" + secretValue(DEFAULTS, "mongodb-seed-password")
                + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
    }

    @Test
    void keepsTheStoredPasswordsOnUpgrade() {
        String encoded = Base64.getEncoder().encodeToString("stored-secret-1".getBytes(StandardCharsets.UTF_8));
        Charts.api().storeSecret("upgrade", "mongo", Map.of("mongodb-root-password", encoded,
                "mongodb-app-password", encoded, "mongodb-seed-password", encoded));

        Manifests upgrade = Charts.render(Charts.MONGO, "mongo", "upgrade", Map.of());

        assertThat(secretValue(upgrade, "mongodb-root-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "mongodb-app-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "app-uri")).startsWith("mongodb://app:stored-secret-1@mongo.upgrade.svc");
    }

    @Test
    void theSecretOutlivesTheReleaseLikeTheData() {
        assertThat(map(DEFAULTS.one("Secret"), "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() {
        assertThat(CUSTOM.ofKind("Secret")).isEmpty();
        assertThat(list(container(CUSTOM), "env")).filteredOn(e -> e.containsKey("valueFrom")).allSatisfy(e ->
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
        assertThat(list(container(DEFAULTS), "env")).extracting(e -> e.get("name")).contains(
                "MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD", "MONGO_APP_DATABASE",
                "MONGO_APP_USERNAME", "MONGO_APP_PASSWORD", "MONGO_SEED_USERNAME", "MONGO_SEED_PASSWORD");
    }

    @Test
    void probesPingWithMongosh() {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            List<String> command = Manifests.cast(at(container(DEFAULTS), probe + ".exec.command"));
            assertThat(command).as(probe).startsWith("mongosh").anyMatch(arg -> arg.contains("ping"));
        }
    }

    @Test
    void runsAsTheMongodbUserWithAReadOnlyRootFileSystem() {
        Map<String, Object> pod = map(DEFAULTS.one("Deployment"), "spec.template.spec");

        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(999);
        assertThat(at(pod, "securityContext.fsGroup")).isEqualTo(999);
        assertThat(at(container(DEFAULTS), "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(list(container(DEFAULTS), "volumeMounts")).extracting(m -> m.get("mountPath"))
                .contains("/tmp", "/data/configdb");
    }

    @Test
    void networkPolicyAdmitsOnlyTheAppAndSeedPods() {
        Map<String, Object> policy = DEFAULTS.one("NetworkPolicy");
        List<Map<String, Object>> ingress = list(policy, "spec.ingress");

        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(list(rule, "from")).containsExactly(
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
