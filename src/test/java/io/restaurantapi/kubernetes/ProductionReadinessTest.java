package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks kube-score, Polaris and kube-linter run by default hold for the default render of every chart
 * (hooks included). One exception, on purpose: the mongo pod runs as uid 999, the user the official image owns its
 * files with, where kube-score asks for a uid above 10000.
 */
class ProductionReadinessTest {

    static Stream<Arguments> charts() {
        return Stream.of(
                Arguments.of("app", Charts.renderHooks(Charts.APP, "app", Map.of()), 10000),
                Arguments.of("mongo", Charts.renderHooks(Charts.MONGO, "mongo", Map.of()), 998),
                Arguments.of(
                        "mongo, metrics on",
                        Charts.renderHooks(Charts.MONGO, "mongo", MongoChartMetricsTest.METRICS_ON),
                        998),
                Arguments.of("seed", Charts.renderHooks(Charts.SEED, "seed", Map.of()), 10000));
    }

    private static Stream<Map<String, Object>> containers(Manifests manifests) {
        return manifests.podTemplates().stream().flatMap(pod -> list(pod, "spec.containers").stream());
    }

    private static List<Map<String, Object>> workloads(Manifests manifests) {
        return manifests.objects().stream()
                .filter(o -> List.of("Deployment", "Job").contains(o.get("kind")))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyContainerHasCpuMemoryAndEphemeralStorageRequestsAndLimits(String chart, Manifests manifests) {
        assertThat(containers(manifests)).isNotEmpty().allSatisfy(c -> {
            for (String kind : List.of("requests", "limits")) {
                assertThat(map(c, "resources." + kind))
                        .as("%s %s", c.get("name"), kind)
                        .containsKeys("cpu", "memory", "ephemeral-storage");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyImageHasAnExplicitTagThatIsNotLatest(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .allSatisfy(c -> assertThat(string(c, "image"))
                        .matches("[^:@]+(:[^:]+|@sha256:[0-9a-f]{64})")
                        .doesNotEndWith(":latest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyContainerIsLockedDown(String chart, Manifests manifests) {
        assertThat(containers(manifests)).allSatisfy(c -> {
            Map<String, Object> security = map(c, "securityContext");
            assertThat(security)
                    .as("%s securityContext", c.get("name"))
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("privileged", false);
            assertThat(Manifests.<List<String>>cast(at(security, "capabilities.drop")))
                    .containsExactly("ALL");
            assertThat(map(security, "capabilities")).doesNotContainKey("add");
            assertThat(string(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(list(c, "ports")).allSatisfy(p -> assertThat(p).doesNotContainKey("hostPort"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyPodRunsAsANumericNonRootUserAndGroup(String chart, Manifests manifests, int minimumId) {
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            Map<String, Object> security = map(pod, "spec.securityContext");
            assertThat(security).containsEntry("runAsNonRoot", true);
            assertThat((Integer) security.get("runAsUser")).isGreaterThan(minimumId);
            assertThat((Integer) security.get("runAsGroup")).isGreaterThan(minimumId);
            assertThat((Integer) security.get("fsGroup")).isGreaterThan(minimumId);
            assertThat(string(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noPodSharesTheHostOrMountsItsFileSystemOrTheApiToken(String chart, Manifests manifests) {
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            Map<String, Object> spec = map(pod, "spec");
            assertThat(spec).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
            assertThat(list(spec, "volumes")).allSatisfy(v -> assertThat(v).doesNotContainKey("hostPath"));
            assertThat(spec).containsEntry("automountServiceAccountToken", false);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void workloadsRunUnderTheirOwnServiceAccountWhichTheChartCreates(String chart, Manifests manifests) {
        List<String> accounts = manifests.ofKind("ServiceAccount").stream()
                .map(sa -> string(sa, "metadata.name"))
                .toList();
        assertThat(workloads(manifests))
                .allSatisfy(w -> assertThat(string(w, "spec.template.spec.serviceAccountName"))
                        .isNotEqualTo("default")
                        .isIn(accounts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void longRunningContainersHaveDistinctLivenessAndReadinessProbes(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("Deployment"))
                .allSatisfy(d -> assertThat(list(d, "spec.template.spec.containers"))
                        .allSatisfy(c -> {
                            assertThat(c).containsKeys("livenessProbe", "readinessProbe", "startupProbe");
                            assertThat(probesIdentical(map(c, "readinessProbe"), map(c, "livenessProbe")))
                                    .as(
                                            "%s: readiness and liveness probes identical in kube-score's sense",
                                            c.get("name"))
                                    .isFalse();
                        }));
    }

    /**
     * kube-score's pod-probes-identical ("Container has the same readiness and liveness probe"): the same HTTP path and
     * port, the same TCP port, or the same exec command. Timings do not make two probes different.
     */
    static boolean probesIdentical(Map<String, Object> readiness, Map<String, Object> liveness) {
        if (readiness.containsKey("httpGet") && liveness.containsKey("httpGet")) {
            return Objects.equals(at(readiness, "httpGet.path"), at(liveness, "httpGet.path"))
                    && Objects.equals(at(readiness, "httpGet.port"), at(liveness, "httpGet.port"));
        }
        if (readiness.containsKey("tcpSocket") && liveness.containsKey("tcpSocket")) {
            return Objects.equals(at(readiness, "tcpSocket.port"), at(liveness, "tcpSocket.port"));
        }
        if (readiness.containsKey("exec") && liveness.containsKey("exec")) {
            return Objects.equals(at(readiness, "exec.command"), at(liveness, "exec.command"));
        }
        return false;
    }

    @org.junit.jupiter.api.Test
    void probesDifferingOnlyInTimingAreIdenticalForKubeScore() {
        Map<String, Object> ping =
                Map.of("exec", Map.of("command", List.of("mongosh", "--eval", "ping")), "periodSeconds", 10);
        Map<String, Object> slowerPing =
                Map.of("exec", Map.of("command", List.of("mongosh", "--eval", "ping")), "periodSeconds", 20);
        Map<String, Object> health = Map.of("httpGet", Map.of("path", "/health/liveness", "port", "management"));
        Map<String, Object> ready = Map.of("httpGet", Map.of("path", "/health/readiness", "port", "management"));

        assertThat(probesIdentical(ping, slowerPing)).isTrue();
        assertThat(probesIdentical(ready, health)).isFalse();
        assertThat(probesIdentical(ready, ping)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyPodIsSelectedByANetworkPolicyOfTheChart(String chart, Manifests manifests) {
        List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy");
        assertThat(workloads(manifests)).allSatisfy(w -> {
            Map<String, Object> labels = map(w, "spec.template.metadata.labels");
            assertThat(policies)
                    .as("NetworkPolicy selecting %s", labels)
                    .anySatisfy(p -> assertThat(labels.entrySet())
                            .containsAll(map(p, "spec.podSelector.matchLabels").entrySet()));
        });
        assertThat(policies)
                .allSatisfy(p -> assertThat(Manifests.<List<String>>cast(at(p, "spec.policyTypes")))
                        .containsExactlyInAnyOrder("Ingress", "Egress"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void deploymentSelectorsMatchTheirPodsAndEveryServiceSelectsADeployment(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("Deployment"))
                .allSatisfy(
                        d -> assertThat(map(d, "spec.template.metadata.labels").entrySet())
                                .containsAll(map(d, "spec.selector.matchLabels").entrySet()));
        assertThat(manifests.ofKind("Service")).allSatisfy(s -> {
            Map<String, Object> selector = map(s, "spec.selector");
            assertThat(manifests.ofKind("Deployment")).anySatisfy(d -> {
                assertThat(map(d, "spec.template.metadata.labels").entrySet()).containsAll(selector.entrySet());
                List<Object> targetPorts = list(d, "spec.template.spec.containers").stream()
                        .flatMap(c -> list(c, "ports").stream())
                        .map(p -> p.get("name"))
                        .toList();
                assertThat(list(s, "spec.ports"))
                        .allSatisfy(p -> assertThat(p.get("targetPort")).isIn(targetPorts));
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void replicatedDeploymentsHaveADisruptionBudgetAndSpreadAcrossNodes(String chart, Manifests manifests) {
        manifests.ofKind("Deployment").stream()
                .filter(d -> !Objects.equals(at(d, "spec.replicas"), 1))
                .forEach(d -> {
                    Map<String, Object> selector = map(d, "spec.selector.matchLabels");
                    assertThat(manifests.ofKind("PodDisruptionBudget"))
                            .anySatisfy(pdb -> assertThat(map(pdb, "spec.selector.matchLabels"))
                                    .isEqualTo(selector));
                    assertThat(list(d, "spec.template.spec.topologySpreadConstraints"))
                            .anySatisfy(c -> assertThat(c.get("topologyKey")).isEqualTo("kubernetes.io/hostname"));
                    assertThat(map(d, "spec.template.spec.affinity")).containsKey("podAntiAffinity");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noSecretIsWrittenIntoAnEnvironmentVariable(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .flatExtracting(c -> list(c, "env"))
                .filteredOn(e -> String.valueOf(e.get("name")).matches("(?i).*(PASSWORD|SECRET|TOKEN|URI).*"))
                .allSatisfy(e -> assertThat(e).doesNotContainKey("value").containsKey("valueFrom"));
    }
}
