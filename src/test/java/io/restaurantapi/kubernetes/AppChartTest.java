package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** charts/app: the API's Deployment and what surrounds it. */
class AppChartTest {

    private static final Manifests DEFAULTS = Charts.render(Charts.APP, "app", Map.of());
    private static final Manifests CUSTOM = Charts.render(Charts.APP, "app", RenderScenarios.APP_CUSTOM);
    private static final Manifests HOOKS = Charts.renderHooks(Charts.APP, "app", Map.of());

    private static Map<String, Object> container(Manifests manifests) {
        return list(manifests.one("Deployment"), "spec.template.spec.containers")
                .get(0);
    }

    private static String env(Map<String, Object> container, String name) {
        return list(container, "env").stream()
                .filter(e -> name.equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void rendersTheExpectedObjectsByDefault() {
        assertThat(DEFAULTS.kinds())
                .containsExactlyInAnyOrder(
                        "Deployment", "Service", "ServiceAccount", "Secret", "PodDisruptionBudget", "NetworkPolicy");
    }

    @Test
    void runsTwoReplicasByDefault() {
        assertThat(at(DEFAULTS.one("Deployment"), "spec.replicas")).isEqualTo(2);
    }

    @Test
    void defaultImageIsTheRepositoryTaggedWithTheAppVersion() {
        assertThat(container(DEFAULTS).get("image")).isEqualTo("restaurant-api:1.0.0");
    }

    @Test
    void imageCanBePinnedByDigest() {
        Manifests pinned = Charts.render(
                Charts.APP,
                "app",
                Map.of(
                        "image.repository",
                        "registry.example.com/restaurant-api",
                        "image.digest",
                        "sha256:" + "a".repeat(64)));

        assertThat(container(pinned).get("image"))
                .isEqualTo("registry.example.com/restaurant-api@sha256:" + "a".repeat(64));
    }

    @Test
    void resourcesAndObjectsCarryTheRecommendedLabels() {
        for (Map<String, Object> object : DEFAULTS.objects()) {
            assertThat(map(object, "metadata.labels"))
                    .containsEntry("app.kubernetes.io/name", "app")
                    .containsEntry("app.kubernetes.io/instance", "app")
                    .containsEntry("app.kubernetes.io/version", "1.0.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsKey("helm.sh/chart");
        }
    }

    @Test
    void serviceExposesTheHttpPortAndTheManagementPortByName() {
        List<Map<String, Object>> ports = list(DEFAULTS.one("Service"), "spec.ports");

        assertThat(ports)
                .extracting(p -> p.get("name"), p -> p.get("port"), p -> p.get("targetPort"))
                .containsExactly(tuple("http", 8080, "http"), tuple("management", 8081, "management"));
    }

    @Test
    void actuatorRunsOnTheManagementPortAndTheProbesUseIt() {
        Map<String, Object> container = container(DEFAULTS);

        assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
        assertThat(list(container, "ports")).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("management");
            assertThat(p.get("containerPort")).isEqualTo(8081);
        });
        assertThat(string(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(string(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(string(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe + ".httpGet.port")).as(probe).isEqualTo("management");
        }
    }

    @Test
    void mongodbUriComesFromTheChartSecretByDefault() {
        Map<String, Object> secretRef = map(list(container(DEFAULTS), "env").get(0), "valueFrom.secretKeyRef");

        assertThat(list(container(DEFAULTS), "env").get(0).get("name")).isEqualTo("MONGODB_URI");
        assertThat(secretRef).containsEntry("name", "app").containsEntry("key", "mongodb-uri");
        assertThat(map(DEFAULTS.one("Secret"), "data")).containsKey("mongodb-uri");
    }

    @Test
    void mongodbUriComesFromAnExistingSecretWhenGiven() {
        Map<String, Object> secretRef = map(list(container(CUSTOM), "env").get(0), "valueFrom.secretKeyRef");

        assertThat(secretRef).containsEntry("name", "mongo").containsEntry("key", "app-uri");
        assertThat(CUSTOM.ofKind("Secret")).isEmpty();
    }

    @Test
    void aChangedConnectionStringRollsThePods() {
        Manifests other = Charts.render(Charts.APP, "app", Map.of("mongodb.uri", "mongodb://other:27017/restaurant"));

        String checksum = string(DEFAULTS.one("Deployment"), "spec.template.metadata.annotations.checksum/secret");
        assertThat(checksum).matches("[0-9a-f]{64}");
        assertThat(string(other.one("Deployment"), "spec.template.metadata.annotations.checksum/secret"))
                .isNotEqualTo(checksum);
    }

    @Test
    void aChangedExistingSecretRollsThePods() {
        Charts.api().storeSecret("existing-secret", "mongo", Map.of("app-uri", "bW9uZ29kYjovL2E="));
        Map<String, String> values = Map.of("mongodb.existingSecret", "mongo", "mongodb.existingSecretKey", "app-uri");
        Manifests before = Charts.render(Charts.APP, "app", "existing-secret", values);
        Charts.api().storeSecret("existing-secret-changed", "mongo", Map.of("app-uri", "bW9uZ29kYjovL2I="));
        Manifests after = Charts.render(Charts.APP, "app", "existing-secret-changed", values);

        assertThat(string(after.one("Deployment"), "spec.template.metadata.annotations.checksum/secret"))
                .isNotEqualTo(string(before.one("Deployment"), "spec.template.metadata.annotations.checksum/secret"));
    }

    @Test
    void preStopSleepsAndTheGracePeriodCoversItAndTheShutdownPhase() {
        Map<String, Object> container = container(DEFAULTS);
        int sleep = (Integer) at(container, "lifecycle.preStop.sleep.seconds");
        int grace = (Integer) at(DEFAULTS.one("Deployment"), "spec.template.spec.terminationGracePeriodSeconds");

        assertThat(sleep).isPositive();
        assertThat(env(container, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"))
                .isEqualTo("20s");
        assertThat(grace).isGreaterThan(sleep + 20);
    }

    @Test
    void refusesAGracePeriodShorterThanPreStopPlusShutdown() {
        assertThatThrownBy(() -> Charts.render(Charts.APP, "app", Map.of("terminationGracePeriodSeconds", "25")))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @Test
    void podsSpreadAcrossNodes() {
        Map<String, Object> spec = map(DEFAULTS.one("Deployment"), "spec.template.spec");

        assertThat(list(spec, "topologySpreadConstraints")).singleElement().satisfies(c -> {
            assertThat(c.get("topologyKey")).isEqualTo("kubernetes.io/hostname");
            assertThat(c.get("whenUnsatisfiable")).isEqualTo("ScheduleAnyway");
            assertThat(map(c, "labelSelector.matchLabels"))
                    .isEqualTo(map(DEFAULTS.one("Deployment"), "spec.selector.matchLabels"));
        });
        assertThat(string(spec, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"))
                .contains("kubernetes.io/hostname");
    }

    @Test
    void serviceAccountTokenIsNotMounted() {
        assertThat(DEFAULTS.one("ServiceAccount").get("automountServiceAccountToken"))
                .isEqualTo(false);
        assertThat(at(DEFAULTS.one("Deployment"), "spec.template.spec.automountServiceAccountToken"))
                .isEqualTo(false);
    }

    @Test
    void networkPolicyAdmitsTheHttpPortOnlyAndReachesOnlyMongodbAndDns() {
        Map<String, Object> policy = DEFAULTS.one("NetworkPolicy");

        assertThat(Manifests.<List<String>>cast(at(policy, "spec.policyTypes")))
                .containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(list(policy, "spec.ingress"))
                .singleElement()
                .satisfies(rule ->
                        assertThat(list(rule, "ports")).containsExactly(Map.of("port", "http", "protocol", "TCP")));
        List<Map<String, Object>> egress = list(policy, "spec.egress");
        assertThat(egress).hasSize(2);
        assertThat(list(egress.get(0), "to"))
                .containsExactly(
                        Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "mongo"))));
        assertThat(list(egress.get(0), "ports")).containsExactly(Map.of("port", 27017, "protocol", "TCP"));
        assertThat(list(egress.get(1), "ports"))
                .containsExactlyInAnyOrder(
                        Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"));
    }

    @Test
    void podDisruptionBudgetCoversThePods() {
        Map<String, Object> pdb = DEFAULTS.one("PodDisruptionBudget");

        assertThat(at(pdb, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(map(pdb, "spec.selector.matchLabels"))
                .isEqualTo(map(DEFAULTS.one("Deployment"), "spec.selector.matchLabels"));
    }

    @Test
    void ingressUsesClassPublicAndRoutesToTheService() {
        Map<String, Object> ingress = CUSTOM.one("Ingress");

        assertThat(string(ingress, "spec.ingressClassName")).isEqualTo("public");
        Map<String, Object> path =
                list(list(ingress, "spec.rules").get(0), "http.paths").get(0);
        assertThat(map(path, "backend.service")).isEqualTo(Map.of("name", "app", "port", Map.of("name", "http")));
        assertThat(list(ingress, "spec.tls").get(0)).containsEntry("secretName", "api-tls");
    }

    @Test
    void autoscalerTargetsCpuAndReplacesTheFixedReplicaCount() {
        Map<String, Object> hpa = CUSTOM.one("HorizontalPodAutoscaler");

        assertThat(map(hpa, "spec.scaleTargetRef"))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", "app");
        assertThat(string(list(hpa, "spec.metrics").get(0), "resource.name")).isEqualTo("cpu");
        assertThat(at(list(hpa, "spec.metrics").get(0), "resource.target.averageUtilization"))
                .isEqualTo(70);
        assertThat(map(CUSTOM.one("Deployment"), "spec")).doesNotContainKey("replicas");
    }

    @Test
    void ingressAndAutoscalerAreOffByDefault() {
        assertThat(DEFAULTS.ofKind("Ingress")).isEmpty();
        assertThat(DEFAULTS.ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void imagePullSecretsAreUsed() {
        assertThat(list(CUSTOM.one("Deployment"), "spec.template.spec.imagePullSecrets"))
                .containsExactly(Map.of("name", "regcred"));
    }

    @Test
    void helmTestCallsBothEndpoints() {
        Map<String, Object> pod = HOOKS.one("Pod");
        String script = String.join(
                " ",
                Manifests.<List<String>>cast(at(list(pod, "spec.containers").get(0), "command")));
        Map<String, Object> container = list(pod, "spec.containers").get(0);

        assertThat(map(pod, "metadata.annotations")).containsEntry(Charts.RENAMED_HOOK + "hook", "test");
        assertThat(string(container, "image")).matches("curlimages/curl:8\\.[0-9]+\\.[0-9]+");
        assertThat(env(container, "BASE_URL")).isEqualTo("http://app:8080/api/v1/restaurant");
        assertThat(env(container, "RESTAURANT_ID")).isEqualTo("55f14313c7447c3da705224b");
        assertThat(script).contains("\"$BASE_URL\"").contains("\"$BASE_URL/$RESTAURANT_ID\"");
    }

    /**
     * Helm 3 runs a test hook's hook-succeeded/hook-failed deletion before {@code helm test --logs} fetches the pod's
     * logs, which then fail with "pods not found" (helm/helm#9098). Only before-hook-creation keeps the pod for the logs
     * and still lets the next {@code helm test} run.
     */
    @Test
    void helmTestPodOutlivesTheTestSoHelmTestLogsCanReadIt() {
        String policy =
                (String) map(HOOKS.one("Pod"), "metadata.annotations").get(Charts.RENAMED_HOOK + "hook-delete-policy");

        assertThat(policy).isNotNull();
        assertThat(List.of(policy.split(","))).extracting(String::trim).containsExactly("before-hook-creation");
    }

    @Test
    void helmTestPodIsNotSelectedByTheService() {
        Map<String, Object> selector = map(DEFAULTS.one("Service"), "spec.selector");
        Map<String, Object> labels = map(HOOKS.one("Pod"), "metadata.labels");

        assertThat(labels.entrySet().containsAll(selector.entrySet()))
                .as("test pod labels %s match the Service selector %s", labels, selector)
                .isFalse();
    }
}
