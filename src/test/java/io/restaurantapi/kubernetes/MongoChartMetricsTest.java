package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * charts/mongo, metrics: percona/mongodb_exporter beside mongod, its monitoring user, a metrics Service, a
 * NetworkPolicy rule for the scrapers and a ServiceMonitor; all off by default.
 */
class MongoChartMetricsTest {

    /** The exporter on, scraped by Prometheus in namespace "monitoring" (no ServiceMonitor: it has no Kubernetes model). */
    static final Map<String, String> METRICS_ON = Map.of(
            "metrics.enabled", "true",
            "metrics.networkPolicy.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                    "monitoring");

    private static final Manifests DEFAULTS = Charts.render(Charts.MONGO, "mongo", Map.of());
    private static final Manifests ON = Charts.render(Charts.MONGO, "mongo", METRICS_ON);
    private static final Manifests MONITORED = Charts.render(Charts.MONGO, "mongo", withServiceMonitor());

    @TempDir
    Path temp;

    private static Map<String, String> withServiceMonitor() {
        Map<String, String> values = new LinkedHashMap<>(METRICS_ON);
        values.put("metrics.serviceMonitor.enabled", "true");
        values.put("metrics.serviceMonitor.labels.release", "kube-prometheus-stack");
        return values;
    }

    private static List<Map<String, Object>> containers(Manifests manifests) {
        return list(manifests.one("Deployment"), "spec.template.spec.containers");
    }

    private static Map<String, Object> container(Manifests manifests, String name) {
        return containers(manifests).stream()
                .filter(c -> name.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container, "env").stream()
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.get("name")));
    }

    private static Map<String, Object> service(Manifests manifests, String name) {
        return manifests.ofKind("Service").stream()
                .filter(s -> name.equals(string(s, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static Map<String, Object> networkPolicy(Manifests manifests, String name) {
        return manifests.ofKind("NetworkPolicy").stream()
                .filter(p -> name.equals(string(p, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    private static String secretValue(Manifests manifests, String key) {
        return new String(
                Base64.getDecoder().decode(string(manifests.one("Secret"), "data." + key)), StandardCharsets.UTF_8);
    }

    @Test
    void offByDefaultTheChartRendersNoExporterServiceMonitorOrMonitoringUser() {
        assertThat(containers(DEFAULTS)).extracting(c -> c.get("name")).containsExactly("mongod");
        assertThat(DEFAULTS.ofKind("Service"))
                .extracting(s -> string(s, "metadata.name"))
                .containsExactly("mongo");
        assertThat(DEFAULTS.ofKind("NetworkPolicy")).hasSize(1);
        assertThat(DEFAULTS.ofKind("ServiceMonitor")).isEmpty();
        assertThat(map(DEFAULTS.one("Secret"), "data")).doesNotContainKey("mongodb-monitor-password");
        assertThat(list(container(DEFAULTS, "mongod"), "env"))
                .extracting(e -> e.get("name"))
                .doesNotContain("MONGO_MONITOR_USERNAME", "MONGO_MONITOR_PASSWORD");
    }

    @Test
    void enabledTheExporterRunsBesideMongodFromAPinnedPerconaRelease() {
        assertThat(containers(ON)).extracting(c -> c.get("name")).containsExactly("mongod", "metrics");
        assertThat(string(container(ON, "metrics"), "image")).isEqualTo("percona/mongodb_exporter:0.53.0");
        assertThat(list(container(ON, "metrics"), "ports"))
                .containsExactly(Map.of("name", "metrics", "containerPort", 9216, "protocol", "TCP"));
    }

    /** Each member's exporter asks its own mongod only, so that a replica set's members each report their own lag. */
    @Test
    void theExporterQueriesItsOwnPodsMongodDirectlyOverLoopback() {
        assertThat(Manifests.<List<String>>cast(at(container(ON, "metrics"), "args")))
                .contains(
                        "--mongodb.uri=mongodb://127.0.0.1:27017/admin",
                        "--mongodb.direct-connect",
                        "--collector.diagnosticdata",
                        "--collector.replicasetstatus",
                        "--compatible-mode",
                        "--web.listen-address=:9216")
                .doesNotContain("--collect-all");
    }

    @Test
    void theExporterTakesTheMonitoringPasswordFromTheSecretAndNeverFromItsArguments() {
        Map<String, Object> exporter = container(ON, "metrics");
        String password = secretValue(ON, "mongodb-monitor-password");

        assertThat(env(exporter, "MONGODB_USER")).containsEntry("value", "monitor");
        assertThat(map(env(exporter, "MONGODB_PASSWORD"), "valueFrom.secretKeyRef"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("name", "mongo", "key", "mongodb-monitor-password"));
        assertThat(Manifests.<List<String>>cast(at(exporter, "args")))
                .noneMatch(a -> a.contains(password) || a.contains("@") || a.startsWith("--mongodb.password"));
    }

    @Test
    void theSecretHoldsAGeneratedMonitoringPasswordThatAnUpgradeKeeps() {
        String encoded = Base64.getEncoder().encodeToString("stored-monitor-1".getBytes(StandardCharsets.UTF_8));
        Charts.api().storeSecret("metrics-upgrade", "mongo", Map.of("mongodb-monitor-password", encoded));

        Manifests upgrade = Charts.render(Charts.MONGO, "mongo", "metrics-upgrade", METRICS_ON);

        assertThat(secretValue(ON, "mongodb-monitor-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(upgrade, "mongodb-monitor-password")).isEqualTo("stored-monitor-1");
    }

    /** The image's entrypoint runs create-users.js in the mongod container on the first start of an empty volume. */
    @Test
    void mongodGetsTheMonitoringUserSoThatCreateUsersMakesIt() {
        Map<String, Object> mongod = container(ON, "mongod");

        assertThat(env(mongod, "MONGO_MONITOR_USERNAME")).containsEntry("value", "monitor");
        assertThat(map(env(mongod, "MONGO_MONITOR_PASSWORD"), "valueFrom.secretKeyRef"))
                .containsEntry("key", "mongodb-monitor-password");
    }

    @Test
    void anExistingSecretMustHoldTheMonitoringPassword() {
        Map<String, String> values = new LinkedHashMap<>(METRICS_ON);
        values.put("auth.existingSecret", "mongo-credentials");
        Manifests manifests = Charts.render(Charts.MONGO, "mongo", values);

        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(map(env(container(manifests, "metrics"), "MONGODB_PASSWORD"), "valueFrom.secretKeyRef"))
                .containsEntry("name", "mongo-credentials");
    }

    @Test
    void theMetricsServicePublishesOnlyTheExporterPortOfTheMongoPods() {
        Map<String, Object> metrics = service(ON, "mongo-metrics");

        assertThat(list(metrics, "spec.ports"))
                .containsExactly(Map.of("name", "metrics", "port", 9216, "targetPort", "metrics", "protocol", "TCP"));
        assertThat(map(metrics, "spec.selector")).isEqualTo(map(service(ON, "mongo"), "spec.selector"));
        assertThat(list(service(ON, "mongo"), "spec.ports"))
                .extracting(p -> p.get("name"))
                .containsExactly("mongodb");
    }

    @Test
    void everyReplicaSetMemberRunsItsOwnExporterAndTheMetricsServiceSelectsOnlyMembers() {
        Manifests replicaSet = Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET_CUSTOM);
        Map<String, Object> members = replicaSet.one("StatefulSet");

        assertThat(list(members, "spec.template.spec.containers"))
                .extracting(c -> c.get("name"))
                .containsExactly("mongod", "metrics");
        assertThat(map(service(replicaSet, "mongo-metrics"), "spec.selector"))
                .isEqualTo(map(members, "spec.selector.matchLabels"));
        assertThat(map(networkPolicy(replicaSet, "mongo-metrics"), "spec.podSelector.matchLabels"))
                .isEqualTo(map(members, "spec.selector.matchLabels"));
    }

    @Test
    void onAReplicaSetTheInitiationJobCreatesTheMonitoringUserOnThePrimary() {
        Manifests replicaSet = Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET_CUSTOM);
        Map<String, Object> initiation =
                list(replicaSet.one("Job"), "spec.template.spec.containers").get(0);

        assertThat(env(initiation, "MONGO_MONITOR_USERNAME")).containsEntry("value", "monitor");
        assertThat(map(env(initiation, "MONGO_MONITOR_PASSWORD"), "valueFrom.secretKeyRef"))
                .containsEntry("key", "mongodb-monitor-password");
    }

    @Test
    void theServiceMonitorIsOffUnlessAskedFor() {
        assertThat(ON.ofKind("ServiceMonitor")).isEmpty();
        assertThat(MONITORED.ofKind("ServiceMonitor")).hasSize(1);
    }

    @Test
    void theServiceMonitorScrapesTheMetricsServiceAndNoOther() {
        Map<String, Object> monitor = MONITORED.one("ServiceMonitor");
        Map<String, Object> selector = map(monitor, "spec.selector.matchLabels");

        assertThat(map(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(Manifests.<List<String>>cast(at(monitor, "spec.namespaceSelector.matchNames")))
                .containsExactly(Charts.NAMESPACE);
        assertThat(MONITORED.ofKind("Service"))
                .filteredOn(s -> map(s, "metadata.labels").entrySet().containsAll(selector.entrySet()))
                .extracting(s -> string(s, "metadata.name"))
                .containsExactly("mongo-metrics");
        assertThat(list(monitor, "spec.endpoints"))
                .singleElement()
                .satisfies(endpoint -> assertThat(endpoint)
                        .containsEntry("port", "metrics")
                        .containsEntry("path", "/metrics")
                        .containsEntry("scheme", "http"));
    }

    @Test
    void theServiceMonitorUsesOnlyFieldsOfTheCustomResourceDefinition() {
        Map<String, Object> monitor = MONITORED.one("ServiceMonitor");
        Map<String, Object> endpoint = list(monitor, "spec.endpoints").get(0);

        assertThat(string(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.keySet()).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
        assertThat(map(monitor, "spec").keySet()).isSubsetOf(AppChartObservabilityTest.SERVICE_MONITOR_SPEC_FIELDS);
        assertThat(endpoint.keySet()).isSubsetOf(AppChartObservabilityTest.SERVICE_MONITOR_ENDPOINT_FIELDS);
        assertThat(string(endpoint, "interval")).matches(AppChartObservabilityTest.DURATION);
        assertThat(string(endpoint, "scrapeTimeout")).matches(AppChartObservabilityTest.DURATION);
    }

    @Test
    void theScrapersAreAdmittedToTheExporterPortAndNoFurther() {
        Map<String, Object> policy = networkPolicy(ON, "mongo-metrics");

        assertThat(map(policy, "spec.podSelector.matchLabels"))
                .isEqualTo(map(networkPolicy(ON, "mongo"), "spec.podSelector.matchLabels"));
        assertThat(list(policy, "spec.ingress")).singleElement().satisfies(rule -> {
            assertThat(list(rule, "ports")).containsExactly(Map.of("port", "metrics", "protocol", "TCP"));
            assertThat(list(rule, "from"))
                    .containsExactly(Map.of(
                            "namespaceSelector",
                            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
        });
        assertThat(list(policy, "spec.egress")).isEmpty();
        assertThat(networkPolicy(ON, "mongo")).isEqualTo(networkPolicy(DEFAULTS, "mongo"));
    }

    @Test
    void withoutScrapersListedNoOneIsAdmittedToTheExporter() {
        Manifests closed = Charts.render(Charts.MONGO, "mongo", Map.of("metrics.enabled", "true"));

        assertThat(closed.ofKind("NetworkPolicy"))
                .extracting(p -> string(p, "metadata.name"))
                .containsExactly("mongo");
    }

    static Stream<Arguments> badMetricsValues() {
        return Stream.of(
                Arguments.of("a flag that is not a boolean", "metrics:\n  enabled: \"yes\"\n", "enabled"),
                Arguments.of("an empty image tag", "metrics:\n  image:\n    tag: \"\"\n", "tag"),
                Arguments.of("a port out of range", "metrics:\n  port: 70000\n", "port"),
                Arguments.of("an empty user name", "metrics:\n  username: \"\"\n", "username"),
                Arguments.of("an argument that is not a flag", "metrics:\n  extraArgs: [debug]\n", "extraArgs"),
                Arguments.of(
                        "scrapers that are not a list", "metrics:\n  networkPolicy:\n    from: monitoring\n", "from"),
                Arguments.of(
                        "an interval that is not a Prometheus duration",
                        "metrics:\n  serviceMonitor:\n    interval: 30 seconds\n",
                        "interval"),
                Arguments.of("an unknown key", "metrics:\n  serviceMonitor:\n    intervall: 30s\n", "intervall"),
                Arguments.of("an unknown metrics key", "metrics:\n  collectAll: true\n", "collectAll"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMetricsValues")
    void schemaRefusesABadMetricsValue(String problem, String yaml, String key) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), yaml);

        assertThatThrownBy(() -> Charts.render(Charts.MONGO, "mongo", Map.of(), values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("metrics")
                .hasMessageContaining(key);
    }
}
